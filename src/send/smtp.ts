/**
 * SMTP settings from --smtp, SMTP_URL or a JSON file, and a transport that
 * never shows the password: every message that leaves this module is redacted.
 */
import { readFileSync } from 'node:fs';
import nodemailer, { type Transporter } from 'nodemailer';
import { ReportError } from '../util/errors.js';
import { messages } from '../util/messages.js';

export interface SmtpSettings {
  url: string;
  from?: string;
  requireTLS: boolean;
  /** Secrets to blank out of anything printed. */
  secrets: string[];
}

export function resolveSmtp(options: { smtp?: string; smtpConfig?: string; env: NodeJS.ProcessEnv; requireTls?: boolean }): SmtpSettings {
  let url = options.smtp ?? options.env.SMTP_URL;
  let from: string | undefined = options.env.SMTP_FROM;
  let requireTLS = options.requireTls ?? false;
  if (!url && options.smtpConfig) {
    let cfg: { url?: string; host?: string; port?: number; secure?: boolean; user?: string; password?: string; passwordEnv?: string; from?: string; requireTLS?: boolean };
    try {
      cfg = JSON.parse(readFileSync(options.smtpConfig, 'utf8'));
    } catch (cause) {
      throw new ReportError(`${options.smtpConfig}: not a JSON SMTP config (${(cause as Error).message}). Give {"host", "port", "user", "passwordEnv", "from"}.`, 'usage', { cause });
    }
    const password = cfg.password ?? (cfg.passwordEnv ? options.env[cfg.passwordEnv] : undefined);
    url =
      cfg.url ??
      `${cfg.secure ? 'smtps' : 'smtp'}://${cfg.user ? `${encodeURIComponent(cfg.user)}${password ? `:${encodeURIComponent(password)}` : ''}@` : ''}${cfg.host ?? 'localhost'}:${cfg.port ?? (cfg.secure ? 465 : 587)}`;
    from ??= cfg.from;
    requireTLS ||= cfg.requireTLS ?? false;
  }
  if (!url) throw new ReportError(messages.smtpMissing(), 'usage');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ReportError(messages.smtpBadUrl(redactUrl(url)), 'usage');
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') throw new ReportError(messages.smtpBadUrl(redactUrl(url)), 'usage');
  const secrets = [parsed.password, decodeURIComponent(parsed.password)].filter((s) => s.length > 0);
  return { url, from, requireTLS, secrets };
}

/** smtp://user:secret@host → smtp://user:***@host */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

export function redact(text: string, secrets: string[]): string {
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join('***');
  return out;
}

export function createSmtpTransport(settings: SmtpSettings): Transporter {
  // TLS: smtps:// is TLS from the start; smtp:// upgrades with STARTTLS when the server offers it
  // (and must, with --require-tls).
  return nodemailer.createTransport({ url: settings.url, requireTLS: settings.requireTLS } as never);
}

/** 4xx replies and dropped connections are worth another try; 5xx are not. */
export function isTemporary(error: unknown): boolean {
  const e = error as { responseCode?: number; code?: string };
  if (typeof e.responseCode === 'number') return e.responseCode >= 400 && e.responseCode < 500;
  return ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'ECONNRESET', 'ECONNREFUSED'].includes(e.code ?? '');
}
