/** `preview --open`: an address in the default browser, by the platform's opener (or $CONTEXTKAART_OPENER). */
import { spawn } from 'node:child_process';

export const OPENER_ENV = 'CONTEXTKAART_OPENER';

/** The command and its arguments that open `url` on this platform. */
export function openerFor(url: string, platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): { command: string; args: string[] } {
  const override = env[OPENER_ENV]?.trim();
  if (override) return { command: override, args: [url] };
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // start is a cmd built-in; its first quoted argument is a window title.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url] };
  return { command: 'xdg-open', args: [url] };
}

/**
 * Starts the opener without waiting for the browser; resolves when it has started, or with the
 * reason it could not (no xdg-open on a server): the caller prints it, the preview goes on.
 */
export function openUrl(url: string, platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): Promise<{ ok: true } | { ok: false; command: string; reason: string }> {
  const { command, args } = openerFor(url, platform, env);
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(command, args, { stdio: 'ignore', detached: true, windowsVerbatimArguments: platform === 'win32' && !env[OPENER_ENV] });
    } catch (e) {
      return resolve({ ok: false, command, reason: (e as Error).message });
    }
    child.once('error', (e) => resolve({ ok: false, command, reason: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : e.message }));
    child.once('spawn', () => {
      child.unref();
      resolve({ ok: true });
    });
  });
}
