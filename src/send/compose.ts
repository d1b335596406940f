/**
 * The message of one planned mail: Dutch subject and body from a Handlebars
 * template whose first line is "Onderwerp: …", with the PDFs attached.
 */
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { ReportError } from '../util/errors.js';
import { messages } from '../util/messages.js';
import { joinAnd } from '../util/dutch-list.js';
import type { PlannedMessage } from './plan.js';

export interface MailTemplate {
  file: string;
  subject: HandlebarsTemplateDelegate;
  body: HandlebarsTemplateDelegate;
}

export function loadMailTemplate(file: string, displayFile: string): MailTemplate {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ReportError(messages.mailTemplate(displayFile, 'file not found'), 'usage', { cause });
  }
  const m = /^Onderwerp:[ \t]*(.+)\r?\n\r?\n([\s\S]+)$/.exec(text);
  if (!m) throw new ReportError(messages.mailTemplate(displayFile, 'no "Onderwerp:" line followed by an empty line'), 'usage');
  const hb = Handlebars.create();
  hb.registerHelper('gt', (a: number, b: number) => a > b);
  // Plain text mail: no HTML escaping, but nothing from data is ever run either.
  const compile = (t: string) => hb.compile(t, { noEscape: true, strict: false });
  return { file, subject: compile(m[1]), body: compile(m[2]) };
}

export function composeMessage(template: MailTemplate, planned: PlannedMessage, from: string, sender: string): Mail.Options {
  const gemeenten = planned.recipient.reports.map((r) => r.name);
  const inThisPart = planned.reports.map((r) => r.name);
  const context = {
    bestuur: planned.recipient.bestuur,
    bevoegdGezag: planned.recipient.bevoegdGezag,
    gemeenten,
    gemeentenTekst: joinAnd(gemeenten),
    gemeentenInDitDeel: joinAnd(inThisPart),
    part: planned.part,
    parts: planned.parts,
    bijlagen: planned.reports.map((r) => `${attachmentName(r.code, r.name)} (${r.name})`),
    afzender: sender,
  };
  return {
    from,
    to: planned.recipient.emails,
    // One line, whatever the template or data put in it.
    subject: template.subject(context).replace(/[\r\n]+/g, ' ').trim(),
    text: template.body(context),
    attachments: planned.reports.map((r, i) => ({
      filename: attachmentName(r.code, r.name),
      path: planned.paths[i],
      contentType: 'application/pdf',
    })),
    headers: { 'X-Contextkaart-Bevoegd-Gezag': planned.recipient.bevoegdGezag },
  };
}

/** "contextkaart-gm0363-amsterdam.pdf": the code makes the region unmistakable. */
export function attachmentName(code: string, name: string): string {
  return `contextkaart-${code.toLowerCase()}-${slug(name)}.pdf`;
}

function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
