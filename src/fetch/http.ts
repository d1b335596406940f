/**
 * HTTP for the fetch: a timeout per request, retries with exponential backoff on
 * network errors, timeouts, 429 and 5xx; 4xx other than 429 fail at once.
 *
 * Bounds against a broken or hostile publisher (issue 21): an answer is read as a stream and
 * stopped at `limits.maxResponseBytes`, counted after decompression (fetch inflates gzip,
 * deflate and br chunk by chunk, so a bomb stops early); redirects are followed by hand, each
 * hop only to the publisher's own host (samePublisher), at most MAX_REDIRECTS of them.
 *
 * Issue 22: a 429 or 503 with `Retry-After` (seconds or an HTTP date) waits as long as asked (up to
 * `maxRetryAfterMs`; longer is given up at once, saying so); every wait has jitter (the backoff
 * ±25 %, a Retry-After up to 25 % more, at most 1 s), so many
 * clients do not come back at the same moment. Requests go through undici's EnvHttpProxyAgent:
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY (and their lowercase forms) are honoured, which Node's own
 * fetch ignores. A request that reached no server at all (connection refused, no DNS answer, no
 * route) is an HttpFailure with `connection` set: `data fetch` tells offline from a broken publisher.
 */
import { EnvHttpProxyAgent, fetch as undiciFetch, type Dispatcher, type Response } from 'undici';
import { messages } from '../util/messages.js';

/** Caps per answer and per table; generous for the largest real table (README, "data fetch"). */
export interface FetchLimits {
  /** Bytes of one answer, after decompression. */
  maxResponseBytes: number;
  /** Pages of one table (OData next-links, WFS startIndex pages). */
  maxPages: number;
  /** Rows (OData) or features (WFS) of one table. */
  maxRows: number;
  /** Coordinates (vertices) of one feature. */
  maxVerticesPerFeature: number;
  /** Coordinates of one table (all its features). */
  maxVerticesPerFile: number;
}

/**
 * The largest staged file is 5.0 MB (the geocoded schools) and the largest answer of the fakes 3.9 MB
 * (a DUO CSV; a CBS page of 10,000 rows 3.8 MB); a real PDOK page of 1,000 full-resolution wijken is some tens of MB, an OData page
 * of 10,000 rows a few MB: 256 MiB is several times the largest real answer and keeps a fetch far
 * below 1 GB. CBS pages hold 10,000 rows and the largest KWB table about 17,000 regions; PDOK
 * wijken are about 3,500 features of at most some 10^5 vertices each.
 */
export const defaultLimits: FetchLimits = {
  maxResponseBytes: 256 * 1024 * 1024,
  maxPages: 1_000,
  maxRows: 1_000_000,
  maxVerticesPerFeature: 1_000_000,
  maxVerticesPerFile: 20_000_000,
};

export interface HttpOptions {
  timeoutMs: number;
  retries: number;
  /** First wait between tries; doubled each time. */
  backoffMs: number;
  /** Called before each retry (for the progress line). */
  onRetry?: (url: string, attempt: number, reason: string) => void;
  /** Caps (defaultLimits where absent). */
  limits?: Partial<FetchLimits>;
  /** Longest `Retry-After` waited for (default MAX_RETRY_AFTER_MS); a publisher asking longer fails the request at once. */
  maxRetryAfterMs?: number;
  /** Called with the failure just before a request gives up for good (data fetch tells offline from broken). */
  onGiveUp?: (failure: HttpFailure) => void;
  /** Why a URL is not asked at all in this run (its service did not answer an earlier request), else undefined. */
  skipIf?: (url: string) => string | undefined;
}

/** Longest `Retry-After` waited for by default: two minutes. */
export const MAX_RETRY_AFTER_MS = 120_000;

export const limitsOf = (o: HttpOptions): FetchLimits => ({ ...defaultLimits, ...o.limits });

/** Publishers see which tool asks (PDOK and CBS ask for fair use). */
export const USER_AGENT = 'contextkaart-data-fetch (Node.js)';

export const defaultHttp: HttpOptions = { timeoutMs: 60_000, retries: 4, backoffMs: 1_000 };

/** Redirects followed for one request at most. */
export const MAX_REDIRECTS = 5;

/** A request that failed for good: the URL, the HTTP status when there was one, and why. */
export class HttpFailure extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
    readonly status?: number,
    /** No server answered at all: the error code (ECONNREFUSED, ENOTFOUND, …). */
    readonly connection?: string,
  ) {
    super(`${url}: ${reason}`);
    this.name = 'HttpFailure';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Error codes of a request that reached no server: no network, no DNS, nothing listening, or a proxy needed. */
const NO_CONNECTION = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'EHOSTDOWN', 'UND_ERR_CONNECT_TIMEOUT']);

/** The error code of a failed fetch when it reached no server (undici puts it in `cause`, sometimes an AggregateError's errors). */
export function noConnectionCode(e: unknown): string | undefined {
  for (let x: unknown = e, depth = 0; x && depth < 5; depth++) {
    const code = (x as { code?: unknown }).code;
    if (typeof code === 'string' && NO_CONNECTION.has(code)) return code;
    const inner = (x as { errors?: unknown[] }).errors;
    if (Array.isArray(inner)) {
      const c = inner.map(noConnectionCode).find(Boolean);
      if (c) return c;
    }
    x = (x as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * The wait a `Retry-After` header asks for, in ms: delay-seconds or an HTTP date (RFC 9110 10.2.3);
 * null when absent or unreadable. A date in the past is 0.
 */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (header === null) return null;
  const v = header.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isFinite(at) && /[a-z]/i.test(v) ? Math.max(0, at - now) : null;
}

/** A wait with jitter: `ms` ± 25 % (never below 0). */
export const withJitter = (ms: number, random = Math.random) => Math.max(0, Math.round(ms * (0.75 + 0.5 * random())));

/** The dispatcher of every request: undici's EnvHttpProxyAgent, made again when the proxy variables change. */
let agent: { key: string; dispatcher: Dispatcher } | undefined;
const PROXY_VARS = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'];
export function proxyDispatcher(): Dispatcher {
  const key = PROXY_VARS.map((v) => process.env[v] ?? '').join('\n');
  if (agent?.key !== key) agent = { key, dispatcher: new EnvHttpProxyAgent() };
  return agent.dispatcher;
}

const isIp = (host: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':') || host.startsWith('[');
/** The registered domain of a host name: the last two labels (opendata.cbs.nl → cbs.nl; enough for the .nl publishers). */
const domainOf = (host: string) => host.split('.').slice(-2).join('.');

/**
 * Whether `link` stays with the publisher of `base`: https on the same host or a host of the same
 * domain (duo.nl → www.duo.nl, service.pdok.nl → api.pdok.nl) on the default port; a base of plain
 * http (a test server or mirror given with --base-url) only to exactly its own host and port. No
 * user names in links, no other scheme, never from https down to http.
 */
export function samePublisher(base: string, link: string): boolean {
  let b: URL;
  let l: URL;
  try {
    b = new URL(base);
    l = new URL(link);
  } catch {
    return false;
  }
  if (l.username || l.password) return false;
  if (l.host === b.host && l.protocol === b.protocol && (l.protocol === 'https:' || l.protocol === 'http:')) return true;
  if (l.protocol !== 'https:' || b.protocol !== 'https:' || l.port !== b.port) return false;
  if (isIp(l.hostname) || isIp(b.hostname) || !l.hostname.includes('.')) return l.hostname === b.hostname;
  return domainOf(l.hostname) === domainOf(b.hostname);
}

/** A request not made because its service did not answer earlier in the run (HttpOptions.skipIf). */
export class SkippedRequest extends HttpFailure {}

/** A refusal that no retry can change (a foreign redirect, an answer over the cap). */
class Refused extends HttpFailure {}

/** An error thrown by a caller's `inspect` of the chunks: passed on as it is, never retried. */
class Stopped extends Error {
  constructor(readonly original: unknown) {
    super('stopped by the caller');
  }
}

/**
 * The body of `url`. `inspect` sees each chunk as it arrives (after decompression) and may throw
 * to stop reading: that error is passed on as it is.
 */
export async function getBytes(url: string, o: HttpOptions, inspect?: (chunk: Uint8Array) => void): Promise<Uint8Array> {
  return (await getResponse(url, o, inspect)).bytes;
}

/** An answer read whole: its bytes, its Content-Type and the URL it finally came from (after redirects). */
export interface HttpAnswer {
  bytes: Uint8Array;
  contentType: string;
  finalUrl: string;
}

/** As getBytes, with the Content-Type and the final URL (a probe tells a CSV from an HTML page). */
export async function getResponse(url: string, o: HttpOptions, inspect?: (chunk: Uint8Array) => void): Promise<HttpAnswer> {
  try {
    const skip = o.skipIf?.(url);
    if (skip !== undefined) throw new SkippedRequest(url, skip);
    return await getResponseOnce(url, o, inspect);
  } catch (e) {
    if (e instanceof HttpFailure) o.onGiveUp?.(e);
    throw e;
  }
}

async function getResponseOnce(url: string, o: HttpOptions, inspect?: (chunk: Uint8Array) => void): Promise<HttpAnswer> {
  const max = limitsOf(o).maxResponseBytes;
  const maxWait = o.maxRetryAfterMs ?? MAX_RETRY_AFTER_MS;
  let lastReason = '';
  let lastStatus: number | undefined;
  let lastConnection: string | undefined;
  /** The wait the publisher asked for (Retry-After) before the next try. */
  let asked: number | null = null;
  for (let attempt = 0; attempt <= o.retries; attempt++) {
    if (attempt > 0) {
      o.onRetry?.(url, attempt, lastReason);
      // As long as the publisher asked (plus up to 25 %, at most 1 s), else the doubling backoff ± 25 %.
      await sleep(asked !== null ? asked + Math.round(Math.random() * Math.min(1000, asked / 4)) : withJitter(o.backoffMs * 2 ** (attempt - 1)));
    }
    asked = null;
    const signal = AbortSignal.timeout(o.timeoutMs);
    let res: Response;
    let finalUrl: string;
    try {
      ({ res, finalUrl } = await follow(url, signal));
    } catch (e) {
      if (e instanceof HttpFailure) throw e;
      const err = e as Error;
      lastConnection = err.name === 'TimeoutError' ? undefined : noConnectionCode(err);
      lastReason = err.name === 'TimeoutError' ? `no answer within ${o.timeoutMs / 1000} s` : `connection failed (${(err.cause as Error | undefined)?.message || (err.cause as { code?: string } | undefined)?.code || err.message})`;
      lastStatus = undefined;
      continue;
    }
    lastConnection = undefined;
    if (res.ok) {
      try {
        return { bytes: await readCapped(url, res, max, inspect), contentType: res.headers.get('content-type') ?? '', finalUrl };
      } catch (e) {
        if (e instanceof Stopped) throw e.original;
        if (e instanceof HttpFailure) throw e;
        const err = e as Error;
        lastReason = err.name === 'TimeoutError' ? `no whole answer within ${o.timeoutMs / 1000} s` : `connection broke while reading the answer (${err.message})`;
        continue;
      }
    }
    lastStatus = res.status;
    lastReason = `HTTP ${res.status} ${res.statusText}`.trim();
    await res.body?.cancel().catch(() => {});
    if (res.status !== 429 && res.status < 500) break;
    asked = res.status === 429 || res.status === 503 ? retryAfterMs(res.headers.get('retry-after')) : null;
    if (asked !== null && asked > maxWait) {
      lastReason += `; the publisher asks to come back in ${Math.ceil(asked / 1000)} s (Retry-After), longer than ${maxWait / 1000} s: try again later`;
      break;
    }
    if (asked !== null) lastReason += ` (Retry-After ${Math.ceil(asked / 1000)} s)`;
  }
  throw new HttpFailure(url, lastReason, lastStatus, lastConnection);
}

/** The answer to `url`, redirects followed by hand: each hop checked against the publisher of `url`. */
async function follow(url: string, signal: AbortSignal): Promise<{ res: Response; finalUrl: string }> {
  let current = url;
  for (let hop = 0; ; hop++) {
    const res = await undiciFetch(current, { signal, redirect: 'manual', dispatcher: proxyDispatcher(), headers: { accept: 'application/json, text/csv, */*', 'user-agent': USER_AGENT } });
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || location === null) return { res, finalUrl: current };
    await res.body?.cancel().catch(() => {});
    let target: string;
    try {
      target = new URL(location, current).toString();
    } catch {
      throw new Refused(url, messages.fetchForeignLink(`HTTP ${res.status} redirect`, location, url));
    }
    if (!samePublisher(url, target)) throw new Refused(url, messages.fetchForeignLink(`HTTP ${res.status} redirect`, target, url));
    if (hop >= MAX_REDIRECTS) throw new Refused(url, messages.fetchTooManyRedirects(MAX_REDIRECTS, target));
    current = target;
  }
}

/** The body, read chunk by chunk (after decompression) and stopped once it passes `max` bytes. */
async function readCapped(url: string, res: Response, max: number, inspect?: (chunk: Uint8Array) => void): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length'));
  const encoded = (res.headers.get('content-encoding') ?? 'identity') !== 'identity';
  if (!encoded && Number.isFinite(declared) && declared > max) {
    await res.body?.cancel().catch(() => {});
    throw new Refused(url, messages.fetchTooLarge(max, declared));
  }
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => {});
      throw new Refused(url, messages.fetchTooLarge(max));
    }
    try {
      inspect?.(value);
    } catch (e) {
      await reader.cancel().catch(() => {});
      throw new Stopped(e);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

export async function getText(url: string, o: HttpOptions, inspect?: (chunk: Uint8Array) => void): Promise<string> {
  return new TextDecoder('utf-8').decode(await getBytes(url, o, inspect));
}

/** JSON text to a value; a body that is no JSON is an HttpFailure naming the URL and how the body starts. */
export function parseJson<T>(url: string, text: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new HttpFailure(url, `answer is not JSON (${(e as Error).message}; starts with ${JSON.stringify(text.slice(0, 60))})`);
  }
}

export async function getJson<T>(url: string, o: HttpOptions): Promise<T> {
  return parseJson<T>(url, await getText(url, o));
}

/** What a JSON value is, for a message ("null", "a string", "an array", "an object"). */
export function jsonKind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
