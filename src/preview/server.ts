/**
 * Live preview: the report in a browser as it will print (A4 pages laid out by
 * Paged.js from the same templates and print CSS), re-rendered when the config,
 * a text, an extra data file or a template is saved, and reloaded in the browser
 * by server-sent events. Data, charts and templates stay warm between renders.
 *
 * Binds to 127.0.0.1 only and answers exactly its own routes; everything else is 404.
 * Answers only requests addressed to the printed address (Host header), so a page
 * on another name that resolves to 127.0.0.1 (DNS rebinding) cannot read the report.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { existsSync, readFileSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { referencedFiles } from '../config/files.js';
import type { Edition } from '../config/schema.js';
import { ReportError } from '../util/errors.js';
import { messages } from '../util/messages.js';
import type { Dataset } from '../data/load-dataset.js';
import { BrowserSession } from '../print/browser-session.js';
import { printPdf } from '../print/print-pdf.js';
import { clearTemplateCache } from '../render/render-html.js';
import { fontFaceCss } from '../render/fonts.js';
import { loadRegionArgument, prepareReport, renderReportHtml } from '../pipeline/render-region.js';
import { defaultTemplatesDir, projectRoot, toolVersion } from '../paths.js';

const require = createRequire(import.meta.url);

export interface PreviewOptions {
  /** A region config path, or a gemeente code or name. */
  region: string;
  dataset: Dataset;
  port: number;
  host?: string;
  browser?: string;
  templatesDir?: string;
  /** The edition asked on the command line (else the config's). */
  edition?: Edition;
  onLog?: (line: string) => void;
}

interface RenderState {
  version: number;
  html?: string;
  title: string;
  id: string;
  renderedAt?: string;
  renderMs?: number;
  error?: string;
}

export interface PreviewServer {
  url: string;
  state: () => Readonly<RenderState>;
  /** Re-render now (also done on file changes). */
  rerender: () => Promise<void>;
  close: () => Promise<void>;
}

const assetDir = join(projectRoot, 'assets', 'preview');

export async function startPreview(o: PreviewOptions): Promise<PreviewServer> {
  const log = o.onLog ?? (() => undefined);
  const templatesDir = o.templatesDir ?? defaultTemplatesDir;
  const state: RenderState = { version: 0, title: 'contextkaart', id: 'contextkaart' };
  const clients = new Set<ServerResponse>();
  const session = new BrowserSession({ executablePath: o.browser });
  // pagedjs's "exports" do not list the polyfill file by path: find it beside the package's main entry.
  const pagedJs = readFileSync(join(dirname(require.resolve('pagedjs')), '..', 'dist', 'paged.polyfill.js'));
  const assets: Record<string, { type: string; body: () => Buffer }> = {
    '/_preview/paged.polyfill.js': { type: 'text/javascript; charset=utf-8', body: () => pagedJs },
    '/_preview/client.js': { type: 'text/javascript; charset=utf-8', body: () => readFileSync(join(assetDir, 'client.js')) },
    '/_preview/after-paged.js': { type: 'text/javascript; charset=utf-8', body: () => readFileSync(join(assetDir, 'after-paged.js')) },
    '/_preview/preview.css': { type: 'text/css; charset=utf-8', body: () => readFileSync(join(assetDir, 'preview.css')) },
    // The fonts as a cached stylesheet: a reload then does not parse them again from the page.
    '/_preview/fonts.css': { type: 'text/css; charset=utf-8', body: () => Buffer.from(fontFaceCss()) },
  };
  const cacheable = new Set(['/_preview/paged.polyfill.js', '/_preview/fonts.css']);

  const broadcast = (event: string) => {
    for (const res of clients) res.write(`event: ${event}\ndata: ${state.version}\n\n`);
  };

  let rendering: Promise<void> | undefined;
  let again = false;
  const render = async (): Promise<void> => {
    if (rendering) {
      again = true;
      return rendering;
    }
    rendering = (async () => {
      do {
        again = false;
        const t0 = performance.now();
        try {
          const loaded = await loadRegionArgument(o.region, o.dataset);
          const report = await prepareReport(loaded, o.dataset, { edition: o.edition });
          state.html = await renderReportHtml(report, { templatesDir });
          state.title = `${report.config.title} – ${report.region.name}`;
          state.id = report.config.id;
          state.error = undefined;
          state.version++;
          state.renderedAt = new Date().toISOString();
          state.renderMs = performance.now() - t0;
          log(`rendered ${report.region.name} in ${Math.round(state.renderMs)} ms`);
          broadcast('reload');
        } catch (e) {
          // A bad edit never stops the server: the last good render stays, with the error above it.
          state.error = e instanceof ReportError ? `contextkaart: ${e.message}${e.detail ? `\n${e.detail}` : ''}` : `contextkaart: internal error: ${(e as Error).message}`;
          state.version++;
          log(state.error);
          broadcast('error-state');
        }
      } while (again);
    })().finally(() => {
      rendering = undefined;
    });
    return rendering;
  };

  // Watch the config, the files it names, and the templates.
  let watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      clearTemplateCache();
      void render().then(rewatch);
    }, 20);
  };
  const rewatch = () => {
    for (const w of watchers) w.close();
    watchers = [];
    const files = watchedFiles(o.region);
    const byDir = new Map<string, Set<string>>();
    for (const f of files) byDir.set(dirname(f), (byDir.get(dirname(f)) ?? new Set()).add(basename(f)));
    for (const [dir, names] of byDir) {
      if (!existsSync(dir)) continue;
      // Editors save by writing a new file and renaming it: watch the folder, match the name.
      watchers.push(watch(dir, (_event, name) => name && names.has(String(name)) && changed()));
    }
    if (existsSync(templatesDir)) watchers.push(watch(templatesDir, { recursive: true }, () => changed()));
  };

  const page = (): string => {
    const inject = `<link rel="stylesheet" href="/_preview/preview.css" data-pagedjs-ignore><script src="/_preview/client.js"></script><script src="/_preview/paged.polyfill.js"></script><script src="/_preview/after-paged.js"></script>`;
    if (!state.html) {
      return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>contextkaart – voorbeeld</title>${inject}</head><body><p>Nog geen voorbeeld: de eerste versie lukte niet.</p></body></html>`;
    }
    return state.html
      .replace(/<style data-pagedjs-ignore>[^<]*<\/style>/, '<link rel="stylesheet" href="/_preview/fonts.css" data-pagedjs-ignore>')
      .replace('</head>', `${inject}</head>`);
  };

  // Filled in once listening: the Host headers that name this server (DNS rebinding guard).
  let allowedHosts = new Set<string>();
  let printedUrl = '';
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const send = (status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}) => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...extra });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    // A page on another name that resolves to 127.0.0.1 sends its own name as Host: refuse it.
    if (!allowedHosts.has((req.headers.host ?? '').toLowerCase())) return send(421, 'text/plain; charset=utf-8', `${messages.previewWrongHost(printedUrl)}\n`);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain; charset=utf-8', 'Method not allowed\n', { Allow: 'GET, HEAD' });
    // Exact routes only: no directory listing, no path outside them, however it is encoded.
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/' || path === '/index.html') {
      return send(200, 'text/html; charset=utf-8', page(), { 'Content-Security-Policy': "default-src 'self' data:; style-src 'self' 'unsafe-inline' data:; script-src 'self'; img-src 'self' data:; font-src data:" });
    }
    if (path === '/_preview/state') {
      return send(200, 'application/json', JSON.stringify({ version: state.version, renderedAt: state.renderedAt, renderMs: state.renderMs, error: state.error ?? null }));
    }
    if (path === '/_preview/events') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write(`event: hello\ndata: ${state.version}\n\n`);
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    if (path === '/contextkaart.pdf') {
      if (!state.html) return send(409, 'text/plain; charset=utf-8', 'Nog geen geldige versie om te printen.\n');
      try {
        const result = await printPdf(session, state.html, {
          title: state.title,
          author: 'contextkaart',
          subject: state.title,
          keywords: ['contextkaart'],
          creator: `contextkaart ${toolVersion}`,
          language: 'nl-NL',
        });
        return send(200, 'application/pdf', Buffer.from(result.pdf), { 'Content-Disposition': `attachment; filename="${state.id}.pdf"` });
      } catch (e) {
        return send(500, 'text/plain; charset=utf-8', `${(e as Error).message}\n`);
      }
    }
    const asset = assets[path];
    if (asset) return send(200, asset.type, asset.body(), cacheable.has(path) ? { 'Cache-Control': 'max-age=3600' } : {});
    return send(404, 'text/plain; charset=utf-8', 'Not found\n');
  };

  await render();
  rewatch();
  const server: Server = createServer((req, res) => {
    handler(req, res).catch((e) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`${(e as Error).message}\n`);
    });
  });
  const host = o.host ?? '127.0.0.1';
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(o.port, host, () => resolveListen());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : o.port;
  allowedHosts = hostHeadersFor(host, port);
  printedUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
  // No websockets here: an upgrade request (with any Host) gets no connection.
  server.on('upgrade', (_req, socket) => {
    socket.end('HTTP/1.1 421 Misdirected Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  return {
    url: printedUrl,
    state: () => state,
    rerender: render,
    close: async () => {
      clearTimeout(timer);
      for (const w of watchers) w.close();
      for (const c of clients) c.end();
      clients.clear();
      await new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections?.();
      await session.close();
    },
  };
}

/** Host header values that name the server: its own address and port, and localhost on a loopback address. */
export function hostHeadersFor(host: string, port: number): Set<string> {
  const names = [host.includes(':') ? `[${host.toLowerCase()}]` : host.toLowerCase()];
  if (host === '127.0.0.1' || host === '::1') names.push('localhost');
  // A browser leaves out the port when it is the default one.
  return new Set(names.flatMap((n) => (port === 80 ? [`${n}:${port}`, n] : [`${n}:${port}`])));
}

/** The files a region depends on: its config and the logo, texts and extra data it names. */
function watchedFiles(region: string): string[] {
  if (!/\.ya?ml$/i.test(region)) return [];
  const config = resolve(region);
  const files = [config];
  try {
    for (const r of referencedFiles(parse(readFileSync(config, 'utf8')))) files.push(resolve(dirname(config), r));
  } catch {
    // A config that does not parse: watch the config itself until it is fixed.
  }
  return files;
}
