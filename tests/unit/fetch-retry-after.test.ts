/**
 * Issue 22 item 3 (retries) and item 6 (no connection), in http.ts: a 429/503 with Retry-After
 * (seconds or an HTTP date) waits as long as asked, not the (here tiny) backoff; a Retry-After
 * beyond the cap fails at once, saying so; waits have jitter; a request that reaches no server
 * carries its error code. A local server on 127.0.0.1, no publisher.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getBytes, HttpFailure, retryAfterMs, withJitter, type HttpOptions } from '../../src/fetch/http.js';

let server: Server;
let base = '';
/** Per path: the answers in order (the last repeats); the time of each request. */
const plans = new Map<string, ((res: ServerResponse) => void)[]>();
const seen = new Map<string, number[]>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    seen.set(path, [...(seen.get(path) ?? []), performance.now()]);
    const plan = plans.get(path) ?? [];
    const step = plan.length > 1 ? plan.shift()! : plan[0];
    if (step) step(res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(() => {
  plans.clear();
  seen.clear();
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const http: HttpOptions = { timeoutMs: 5_000, retries: 2, backoffMs: 10 };
const busy = (status: number, retryAfter: string) => (res: ServerResponse) => res.writeHead(status, { 'retry-after': retryAfter }).end('busy');
const ok = (res: ServerResponse) => res.writeHead(200, { 'content-type': 'text/csv' }).end('a;b\n1;2\n');
const gaps = (path: string) => {
  const t = seen.get(path) ?? [];
  return t.slice(1).map((x, i) => x - t[i]);
};

describe('Retry-After', () => {
  it('a 503 with Retry-After: 1 (seconds) is asked again after a second, not after the 10 ms backoff', async () => {
    plans.set('/s', [busy(503, '1'), ok]);
    const retries: string[] = [];
    const body = await getBytes(`${base}/s`, { ...http, onRetry: (_u, _a, reason) => retries.push(reason) });
    expect(Buffer.from(body).toString()).toBe('a;b\n1;2\n');
    expect(gaps('/s')).toHaveLength(1);
    expect(gaps('/s')[0]).toBeGreaterThanOrEqual(990);
    expect(gaps('/s')[0]).toBeLessThan(1_300 + 1_000);
    expect(retries[0]).toBe('HTTP 503 Service Unavailable (Retry-After 1 s)');
  });

  it('a 429 with Retry-After as an HTTP date waits until that moment', async () => {
    // HTTP dates have whole seconds: two seconds ahead is between one and two seconds away.
    plans.set('/d', [busy(429, new Date(Date.now() + 2_000).toUTCString()), ok]);
    await getBytes(`${base}/d`, http);
    expect(gaps('/d')[0]).toBeGreaterThanOrEqual(900);
  });

  it('a Retry-After longer than the cap fails at once, saying how long the publisher asked', async () => {
    plans.set('/long', [busy(503, '3600')]);
    const err = await getBytes(`${base}/long`, http).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpFailure);
    expect((err as HttpFailure).reason).toContain('asks to come back in 3600 s (Retry-After), longer than 120 s: try again later');
    expect(seen.get('/long')).toHaveLength(1);
  });

  it('reads seconds and HTTP dates, and nothing else', () => {
    const now = Date.parse('2026-02-12T10:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs(' 0 ', now)).toBe(0);
    expect(retryAfterMs('Thu, 12 Feb 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Thu, 12 Feb 2026 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs(null, now)).toBeNull();
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs('-5', now)).toBeNull();
  });
});

describe('jitter', () => {
  it('spreads a backoff over ±25 %', () => {
    expect(withJitter(1_000, () => 0)).toBe(750);
    expect(withJitter(1_000, () => 0.5)).toBe(1_000);
    expect(withJitter(1_000, () => 0.999)).toBe(1_250);
    const waits = new Set(Array.from({ length: 50 }, () => withJitter(1_000)));
    expect(waits.size).toBeGreaterThan(10);
  });
});

describe('no connection', () => {
  it('a refused connection is an HttpFailure with the error code, and no HTTP status', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const err = (await getBytes(`http://127.0.0.1:${port}/x`, { ...http, retries: 0 }).catch((e: unknown) => e)) as HttpFailure;
    expect(err).toBeInstanceOf(HttpFailure);
    expect(err.connection).toBe('ECONNREFUSED');
    expect(err.status).toBeUndefined();
    expect(err.reason).toMatch(/^connection failed \(/);
  });

  it('an HTTP error is not a connection failure', async () => {
    plans.set('/gone', [(res) => res.writeHead(500).end()]);
    const err = (await getBytes(`${base}/gone`, { ...http, retries: 0 }).catch((e: unknown) => e)) as HttpFailure;
    expect(err.status).toBe(500);
    expect(err.connection).toBeUndefined();
  });
});
