/**
 * Batch progress on stderr: a redrawn bar on a terminal (fitted to its width, never
 * wrapped), one plain line per region in a log, nothing with --quiet; --json writes
 * NDJSON to stdout. And the stages of a single render, on a terminal only.
 */
import type { BatchEvent, BatchSummary } from '../pipeline/render-batch.js';
import type { RenderStage } from '../pipeline/render-region.js';
import { cliNumber } from '../util/cli-number.js';
import { escapeControlChars } from '../util/escape.js';

export type ProgressMode = 'tty' | 'lines' | 'quiet' | 'json';

/** The terminal a redrawn line is fitted to: its width is read at every draw, and a resize redraws. */
export interface Terminal {
  columns?: number;
  on?(event: 'resize', listener: () => void): unknown;
  off?(event: 'resize', listener: () => void): unknown;
}

export interface ProgressOptions {
  mode: ProgressMode;
  stderr: (s: string) => void;
  stdout: (s: string) => void;
  now?: () => number;
  /** Default: process.stderr. */
  terminal?: Terminal;
}

/** The mode for a command's output: a redrawn line only on a terminal, and not in CI logs. */
export function progressMode(o: { json?: boolean; quiet?: boolean; stream?: { isTTY?: boolean }; env?: NodeJS.ProcessEnv }): ProgressMode {
  if (o.json) return 'json';
  if (o.quiet) return 'quiet';
  return (o.stream ?? process.stderr).isTTY && !(o.env ?? process.env).CI ? 'tty' : 'lines';
}

const CLEAR_LINE = '\r\x1b[2K';

/**
 * A line cut to the terminal's width, less one column (a character in the last column
 * makes some terminals wrap). Counted in code points; names are Dutch, without wide characters.
 */
export function fitToWidth(line: string, columns: number | undefined): string {
  const width = Math.max(10, (columns && columns > 0 ? columns : 80) - 1);
  const chars = [...line];
  return chars.length <= width ? line : `${chars.slice(0, width - 1).join('')}…`;
}

/** Names and errors come from configs and data: shown with control characters escaped. */
const safe = <T extends { name: string; error: string | null }>(entry: T): T => ({ ...entry, name: escapeControlChars(entry.name), error: entry.error && escapeControlChars(entry.error) });

/** "1 region", "8 regions". */
const regions = (n: number) => `${n} region${n === 1 ? '' : 's'}`;

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
  const terminal = o.terminal ?? process.stderr;
  const redraw = () => {
    if (lastLine) o.stderr(`${CLEAR_LINE}${fitToWidth(lastLine, terminal.columns)}`);
  };
  if (o.mode === 'tty') terminal.on?.('resize', redraw);
  const rate = () => {
    const minutes = (now() - t0) / 60_000;
    return minutes > 0 ? rendered / minutes : 0;
  };
  const draw = (done: number, label: string) => {
    const width = 24;
    const filled = total ? Math.round((done / total) * width) : 0;
    const r = rate();
    const left = r > 0 ? duration(((toRender - rendered) / r) * 60_000) : '–';
    lastLine = `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total} · ${failed} failed · ${cliNumber(r, 0)}/min · ${left} left · ${label}`;
    redraw();
  };
  /** A line that stays, above the bar (which is drawn again below it). */
  const above = (line: string) => {
    o.stderr(`${o.mode === 'tty' ? CLEAR_LINE : ''}${line}\n`);
    if (o.mode === 'tty') redraw();
  };
  return {
    onEvent(e) {
      if (e.type === 'start') {
        total = e.total;
        toRender = e.toRender;
        if (o.mode === 'json') o.stdout(`${JSON.stringify(e)}\n`);
        else if (o.mode !== 'quiet') o.stderr(`${regions(e.total)}: ${e.toRender} to render, ${e.skipped} unchanged (skipped)\n`);
        return;
      }
      if (e.type === 'retry') {
        if (o.mode === 'lines' || o.mode === 'tty') above(`retrying ${escapeControlChars(e.key)}: ${escapeControlChars(e.error)}`);
        return;
      }
      if (e.type === 'interrupted') {
        if (o.mode === 'tty') terminal.off?.('resize', redraw);
        lastLine = '';
        if (o.mode === 'json') o.stdout(`${JSON.stringify({ type: 'interrupted', done: e.done, total: e.total, interrupted: e.interrupted.map((x) => x.code), notStarted: e.notStarted })}\n`);
        else if (o.mode !== 'quiet') {
          const later = e.interrupted.length + e.notStarted;
          above(`stopped: ${e.done} of ${regions(e.total)} ${e.done === 1 ? 'has its' : 'have their'} PDF; ${e.interrupted.length} interrupted and ${e.notStarted} not started ${later === 1 ? 'is' : 'are'} rendered on the next run`);
        }
        return;
      }
      const entry = o.mode === 'json' ? e.entry : safe(e.entry);
      if (entry.status === 'ok' || entry.status === 'failed') rendered++;
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
              : entry.status === 'interrupted'
                ? 'rendered on the next run'
                : `${entry.pages} pages, ${cliNumber((entry.bytes ?? 0) / 1024)} kB, ${cliNumber((entry.ms ?? 0) / 1000, 1)} s${e.retried ? ' (2nd try)' : ''}`;
          o.stderr(`[${String(e.done).padStart(pad)}/${e.total}] ${entry.status.padEnd(7)} ${entry.code} ${entry.name}: ${detail}\n`);
          break;
        }
        case 'tty':
          if (entry.status === 'interrupted') above(`interrupted ${entry.code} ${entry.name}: rendered on the next run`);
          else {
            if (entry.status === 'failed') above(`failed ${entry.code} ${entry.name}: ${entry.error}`);
            draw(e.done, `${entry.code} ${entry.name}`);
          }
          break;
      }
    },
    finish(s, manifestPath) {
      if (o.mode === 'tty') terminal.off?.('resize', redraw);
      if (o.mode === 'tty' && lastLine) o.stderr('\n');
      const perMin = s.ms > 0 ? ((s.ok + s.failed) / s.ms) * 60_000 : 0;
      if (o.mode === 'json') {
        o.stdout(`${JSON.stringify({ type: 'summary', total: s.total, ok: s.ok, failed: s.failed, skipped: s.skipped, ms: Math.round(s.ms), manifest: manifestPath })}\n`);
        return;
      }
      if (o.mode === 'quiet' && s.failed === 0) return;
      o.stderr(
        `${regions(s.total)}: ${s.ok} rendered, ${s.skipped} skipped, ${s.failed} failed in ${duration(s.ms)}${s.ok ? ` (${cliNumber(perMin, 0)} per minute)` : ''}. Manifest: ${manifestPath}\n`,
      );
      if (s.failed) for (const e of s.entries.filter((x) => x.status === 'failed').map(safe)) o.stderr(`  failed ${e.code} ${e.name}: ${e.error}\n`);
    },
  };
}

export interface StageReporter {
  /** The region being rendered has reached this stage. */
  stage(stage: RenderStage): void;
  /** Clears the line (call it also when the render fails). */
  done(): void;
}

/**
 * The stages of a single render on one redrawn line ("Amsterdam: printing PDF… 14 s"),
 * so 20–40 s are not silent. Only in tty mode: nothing in a log, with --quiet or --json.
 */
export function createStageReporter(o: { mode: ProgressMode; label: string; stderr: (s: string) => void; terminal?: Terminal; now?: () => number }): StageReporter {
  if (o.mode !== 'tty') return { stage: () => undefined, done: () => undefined };
  const now = o.now ?? (() => performance.now());
  const terminal = o.terminal ?? process.stderr;
  const t0 = now();
  let shown = false;
  const label = escapeControlChars(o.label);
  return {
    stage(stage) {
      const seconds = Math.round((now() - t0) / 1000);
      o.stderr(`${CLEAR_LINE}${fitToWidth(`${label}: ${stage}…${seconds > 0 ? ` ${seconds} s` : ''}`, terminal.columns)}`);
      shown = true;
    },
    done() {
      if (shown) o.stderr(CLEAR_LINE);
      shown = false;
    },
  };
}
