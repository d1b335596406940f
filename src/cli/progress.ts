/**
 * Batch progress on stderr: a redrawn bar on a terminal, one plain line per
 * region in a log, nothing with --quiet; --json writes NDJSON to stdout.
 */
import type { BatchEvent, BatchSummary } from '../pipeline/render-batch.js';
import { formatNumber } from '../format.js';
import { escapeControlChars } from '../util/escape.js';

export interface ProgressOptions {
  mode: 'tty' | 'lines' | 'quiet' | 'json';
  stderr: (s: string) => void;
  stdout: (s: string) => void;
  now?: () => number;
}

/** Names and errors come from configs and data: shown with control characters escaped. */
const safe = <T extends { name: string; error: string | null }>(entry: T): T => ({ ...entry, name: escapeControlChars(entry.name), error: entry.error && escapeControlChars(entry.error) });

const duration = (ms: number) => {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

export function createProgress(o: ProgressOptions): { onEvent: (e: BatchEvent) => void; finish: (s: BatchSummary, manifestPath: string) => void } {
  const now = o.now ?? (() => performance.now());
  const t0 = now();
  let total = 0;
  let rendered = 0;
  let toRender = 0;
  let failed = 0;
  let lastLine = '';
  const rate = () => {
    const minutes = (now() - t0) / 60_000;
    return minutes > 0 ? rendered / minutes : 0;
  };
  const draw = (done: number, label: string) => {
    const width = 24;
    const filled = total ? Math.round((done / total) * width) : 0;
    const r = rate();
    const left = r > 0 ? duration(((toRender - rendered) / r) * 60_000) : '–';
    const line = `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total} · ${failed} failed · ${formatNumber(r, 0)}/min · ${left} left · ${label}`;
    o.stderr(`\r\x1b[2K${line.slice(0, 150)}`);
    lastLine = line;
  };
  return {
    onEvent(e) {
      if (e.type === 'start') {
        total = e.total;
        toRender = e.toRender;
        if (o.mode === 'json') o.stdout(`${JSON.stringify(e)}\n`);
        else if (o.mode !== 'quiet') o.stderr(`${e.total} regions: ${e.toRender} to render, ${e.skipped} unchanged (skipped)\n`);
        return;
      }
      if (e.type === 'retry') {
        if (o.mode === 'lines' || o.mode === 'tty') o.stderr(`${o.mode === 'tty' ? '\r\x1b[2K' : ''}retrying ${escapeControlChars(e.key)}: ${escapeControlChars(e.error)}\n`);
        return;
      }
      const entry = o.mode === 'json' ? e.entry : safe(e.entry);
      if (entry.status !== 'skipped') rendered++;
      if (entry.status === 'failed') failed++;
      switch (o.mode) {
        case 'json':
          o.stdout(`${JSON.stringify({ type: 'region', ...entry })}\n`);
          break;
        case 'quiet':
          if (entry.status === 'failed') o.stderr(`failed ${entry.code} ${entry.name}: ${entry.error}\n`);
          break;
        case 'lines': {
          const pad = String(e.total).length;
          const detail =
            entry.status === 'failed'
              ? entry.error
              : `${entry.pages} pages, ${formatNumber((entry.bytes ?? 0) / 1024)} kB, ${formatNumber((entry.ms ?? 0) / 1000, 1)} s${e.retried ? ' (2nd try)' : ''}`;
          o.stderr(`[${String(e.done).padStart(pad)}/${e.total}] ${entry.status.padEnd(7)} ${entry.code} ${entry.name}: ${detail}\n`);
          break;
        }
        case 'tty':
          if (entry.status === 'failed') o.stderr(`\r\x1b[2Kfailed ${entry.code} ${entry.name}: ${entry.error}\n`);
          draw(e.done, `${entry.code} ${entry.name}`);
          break;
      }
    },
    finish(s, manifestPath) {
      if (o.mode === 'tty' && lastLine) o.stderr('\n');
      const perMin = s.ms > 0 ? ((s.ok + s.failed) / s.ms) * 60_000 : 0;
      if (o.mode === 'json') {
        o.stdout(`${JSON.stringify({ type: 'summary', total: s.total, ok: s.ok, failed: s.failed, skipped: s.skipped, ms: Math.round(s.ms), manifest: manifestPath })}\n`);
        return;
      }
      if (o.mode === 'quiet' && s.failed === 0) return;
      o.stderr(
        `${s.total} regions: ${s.ok} rendered, ${s.skipped} skipped, ${s.failed} failed in ${duration(s.ms)}${s.ok ? ` (${formatNumber(perMin, 0)} per minute)` : ''}. Manifest: ${manifestPath}\n`,
      );
      if (s.failed) for (const e of s.entries.filter((x) => x.status === 'failed').map(safe)) o.stderr(`  failed ${e.code} ${e.name}: ${e.error}\n`);
    },
  };
}
