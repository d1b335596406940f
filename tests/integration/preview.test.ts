/**
 * The preview server: a text edit in a copy of a config is served after the reload
 * event; a broken config shows its error and a fix brings the page back; nothing
 * outside its own routes is served; a request addressed to another name (DNS
 * rebinding) gets 421 and nothing of the report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { connect } from 'node:net';
import { startPreview, type PreviewServer } from '../../src/preview/server.js';
import { realDataset } from '../helpers/data.js';
import { messages } from '../../src/util/messages.js';
import { WAIT_MS } from '../helpers/timeouts.js';

let dir: string;
let config: string;
let original: string;
let server: PreviewServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'contextkaart-preview-'));
  cpSync('regions', dir, { recursive: true });
  config = join(dir, 'voorbeeld-regio.yaml');
  original = readFileSync(config, 'utf8');
  server = await startPreview({ region: config, dataset: await realDataset(), port: 0 });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = async (path: string) => {
  const r = await fetch(new URL(path, server.url));
  return { status: r.status, type: r.headers.get('content-type') ?? '', text: await r.text() };
};

/** Raw request, so that "/../x" reaches the server as written. */
const raw = (path: string) =>
  new Promise<number>((resolve, reject) => {
    const u = new URL(server.url);
    const req = request({ host: u.hostname, port: u.port, path, method: 'GET' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });

/** Resolves with the next server-sent event of the given name. */
async function nextEvent(name: string, timeoutMs = WAIT_MS): Promise<void> {
  const controller = new AbortController();
  const res = await fetch(new URL('/_preview/events', server.url), { signal: controller.signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`stream ended before "${name}"`);
      buffer += decoder.decode(value);
      if (buffer.includes(`event: ${name}\n`)) return;
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

describe('the preview page', () => {
  it('binds to 127.0.0.1 and serves the report with the same templates and the pagination script', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Zeeuws-Vlaanderen');
    expect(page.text).toContain('<script src="/_preview/paged.polyfill.js"></script>');
    expect(page.text).toContain('@bottom-left { content: "pagina " counter(page) " van " counter(pages)');
    const paged = await get('/_preview/paged.polyfill.js');
    expect(paged.status).toBe(200);
    expect(paged.type).toContain('javascript');
  });

  it('shows a text edit after the reload event', async () => {
    const event = nextEvent('reload');
    await new Promise((r) => setTimeout(r, 100));
    writeFileSync(config, original.replace('Inkomen is een van de sterkste voorspellers', 'Een nieuwe zin van de consultant. Inkomen is een van de sterkste voorspellers'));
    await event;
    expect((await get('/')).text).toContain('Een nieuwe zin van de consultant.');
  });

  it('shows the error of a broken config, keeps the last good render, and comes back after a fix', async () => {
    const broken = nextEvent('error-state');
    await new Promise((r) => setTimeout(r, 100));
    writeFileSync(config, original.replace('area:\n', 'aera:\n'));
    await broken;
    const state = JSON.parse((await get('/_preview/state')).text);
    expect(state.error).toMatch(/voorbeeld-regio\.yaml:\d+: aera: is not a known field\. Did you mean "area"\?/);
    expect((await get('/')).text).toContain('Een nieuwe zin van de consultant.');
    const fixed = nextEvent('reload');
    await new Promise((r) => setTimeout(r, 100));
    writeFileSync(config, original);
    await fixed;
    expect(JSON.parse((await get('/_preview/state')).text).error).toBeNull();
    expect((await get('/')).text).not.toContain('Een nieuwe zin van de consultant.');
  });

  it('re-renders when a template changes', async () => {
    const event = nextEvent('reload');
    await new Promise((r) => setTimeout(r, 100));
    const before = server.state().version;
    // Touch a template without changing it: the watcher fires and the report is rendered again.
    const css = join('templates', 'print.css');
    writeFileSync(css, readFileSync(css, 'utf8'));
    await event;
    expect(server.state().version).toBeGreaterThan(before);
  });

  it('serves nothing outside its own routes', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2Fpackage.json', '/_preview/../../package.json', '/_preview/', '/templates/print.css', '/regions/voorbeeld-regio.yaml', '/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd', '/assets/preview/client.js']) {
      expect(await raw(path)).toBe(404);
    }
    expect(await raw('/_preview/client.js')).toBe(200);
  });

  it('downloads the PDF of the current state', async () => {
    const r = await fetch(new URL('/contextkaart.pdf', server.url));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toBe('attachment; filename="voorbeeld-regio.pdf"');
    const bytes = Buffer.from(await r.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

/** A request to the server's own address with the given Host header (as a rebinding page's browser would send it). */
const withHost = (host: string, path = '/') =>
  new Promise<{ status: number; type: string; text: string }>((resolve, reject) => {
    const u = new URL(server.url);
    const req = request({ host: u.hostname, port: u.port, path, method: 'GET', headers: { Host: host } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'] ?? '', text }));
    });
    req.on('error', reject);
    req.end();
  });

describe('the Host check (DNS rebinding)', () => {
  it('answers another name for 127.0.0.1 with 421 and no report content, on every route', async () => {
    const port = new URL(server.url).port;
    for (const host of [`evil.example:${port}`, 'evil.example', `127.0.0.1.evil.example:${port}`, `127.0.0.1:${Number(port) + 1}`, `localhost.evil.example:${port}`, `[::1]:${port}`]) {
      for (const path of ['/', '/index.html', '/_preview/state', '/_preview/events', '/contextkaart.pdf', '/_preview/client.js', '/nothing-here']) {
        const r = await withHost(host, path);
        expect(r.status, `${host} ${path}`).toBe(421);
        expect(r.type).toBe('text/plain; charset=utf-8');
        expect(r.text).toBe(`${messages.previewWrongHost(server.url)}\n`);
        expect(r.text).not.toContain('Zeeuws-Vlaanderen');
      }
    }
  });

  it('refuses a request without a Host header (HTTP/1.0) and a websocket upgrade from another name', async () => {
    const port = new URL(server.url).port;
    /** Whatever the server writes back to a request sent as raw bytes, until it closes. */
    const rawExchange = (text: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () => socket.write(text));
        let data = '';
        socket.on('data', (d) => (data += d));
        socket.on('close', () => resolve(data));
        socket.on('error', reject);
      });
    const noHost = await rawExchange('GET / HTTP/1.0\r\n\r\n');
    expect(noHost).toMatch(/^HTTP\/1\.1 421 /);
    expect(noHost).not.toContain('Zeeuws-Vlaanderen');
    const upgrade = await rawExchange(`GET /_preview/events HTTP/1.1\r\nHost: evil.example:${port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`);
    expect(upgrade).toMatch(/^HTTP\/1\.1 421 /);
    expect(upgrade).not.toContain('event: hello');
  });

  it('answers its printed address and localhost on the same port', async () => {
    const port = new URL(server.url).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) {
      const r = await withHost(host);
      expect(r.status, host).toBe(200);
      expect(r.text).toContain('Zeeuws-Vlaanderen');
    }
    expect(JSON.parse((await withHost(`localhost:${port}`, '/_preview/state')).text).error).toBeNull();
  });
});

describe('the preview command', () => {
  it('prints its address, serves, and stops cleanly on Ctrl-C', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn('node', ['bin/contextkaart.js', 'preview', 'GM0088', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
        if (m) resolve(m[0]);
      });
      child.on('exit', (c) => reject(new Error(`exited ${c}`)));
    });
    expect((await fetch(url)).status).toBe(200);
    child.kill('SIGINT');
    expect(await new Promise((r) => child.on('exit', r))).toBe(130);
    await expect(fetch(url)).rejects.toThrow();
  });
});
