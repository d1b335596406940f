/**
 * HTTP for the fetch: a timeout per request, retries with exponential backoff on
 * network errors, timeouts, 429 and 5xx; 4xx other than 429 fail at once.
 */
export interface HttpOptions {
  timeoutMs: number;
  retries: number;
  /** First wait between tries; doubled each time. */
  backoffMs: number;
  /** Called before each retry (for the progress line). */
  onRetry?: (url: string, attempt: number, reason: string) => void;
}

/** Publishers see which tool asks (PDOK and CBS ask for fair use). */
export const USER_AGENT = 'contextkaart-data-fetch (Node.js)';

export const defaultHttp: HttpOptions = { timeoutMs: 60_000, retries: 4, backoffMs: 1_000 };

/** A request that failed for good: the URL, the HTTP status when there was one, and why. */
export class HttpFailure extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
    readonly status?: number,
  ) {
    super(`${url}: ${reason}`);
    this.name = 'HttpFailure';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function getBytes(url: string, o: HttpOptions): Promise<Uint8Array> {
  let lastReason = '';
  let lastStatus: number | undefined;
  for (let attempt = 0; attempt <= o.retries; attempt++) {
    if (attempt > 0) {
      o.onRetry?.(url, attempt, lastReason);
      await sleep(o.backoffMs * 2 ** (attempt - 1));
    }
    let res: Response;
    try {
      res = await fetch(url, { signal: AbortSignal.timeout(o.timeoutMs), headers: { accept: 'application/json, text/csv, */*', 'user-agent': USER_AGENT } });
    } catch (e) {
      const err = e as Error;
      lastReason = err.name === 'TimeoutError' ? `no answer within ${o.timeoutMs / 1000} s` : `connection failed (${(err.cause as Error | undefined)?.message ?? err.message})`;
      lastStatus = undefined;
      continue;
    }
    if (res.ok) {
      try {
        return new Uint8Array(await res.arrayBuffer());
      } catch (e) {
        lastReason = `connection broke while reading the answer (${(e as Error).message})`;
        continue;
      }
    }
    lastStatus = res.status;
    lastReason = `HTTP ${res.status} ${res.statusText}`.trim();
    await res.body?.cancel();
    if (res.status !== 429 && res.status < 500) break;
  }
  throw new HttpFailure(url, lastReason, lastStatus);
}

export async function getText(url: string, o: HttpOptions): Promise<string> {
  return new TextDecoder('utf-8').decode(await getBytes(url, o));
}

export async function getJson<T>(url: string, o: HttpOptions): Promise<T> {
  const text = await getText(url, o);
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new HttpFailure(url, `answer is not JSON (${(e as Error).message}; starts with ${JSON.stringify(text.slice(0, 60))})`);
  }
}
