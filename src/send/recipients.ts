/**
 * The recipients file: bestuur,bevoegd_gezag,email,gemeenten — several addresses
 * and gemeenten separated by ";". Every row is checked before anything is sent;
 * all problems are reported at once, each with its line.
 */
import { readFile } from 'node:fs/promises';
import { ReportError } from '../util/errors.js';
import { messages } from '../util/messages.js';
import { parseCsvRecords } from '../util/csv.js';
import { findGemeente, suggestGemeenten, type Dataset } from '../data/load-dataset.js';
import type { Manifest, ManifestEntry } from '../pipeline/manifest.js';

export interface Recipient {
  line: number;
  bestuur: string;
  bevoegdGezag: string;
  emails: string[];
  /** The manifest entries of its gemeenten, in the order given. */
  reports: ManifestEntry[];
}

const REQUIRED = ['bestuur', 'bevoegd_gezag', 'email', 'gemeenten'] as const;
// A practical check (RFC 5322 is wider): local@domain.tld without spaces or separators.
const EMAIL = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[A-Za-z]{2,}$/;

export async function loadRecipients(file: string, displayFile: string, dataset: Dataset, manifest: Manifest): Promise<Recipient[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new ReportError(messages.recipientsNotFound(displayFile), 'usage', { cause });
  }
  const separator = (text.split(/\r?\n/, 1)[0] ?? '').includes(';') && !(text.split(/\r?\n/, 1)[0] ?? '').includes(',') ? ';' : ',';
  const { header, records } = parseCsvRecords(text, separator);
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length) throw new ReportError(messages.recipientsHeader(displayFile, missing), 'data');
  if (records.length === 0) throw new ReportError(messages.recipientsEmpty(displayFile), 'data');

  const byCode = new Map(manifest.reports.map((r) => [r.code, r]));
  const problems: string[] = [];
  const seenBoards = new Map<string, number>();
  const seenRows = new Map<string, number>();
  const out: Recipient[] = [];
  for (const { line, values } of records) {
    const at = (field: string, problem: string, fix: string) => problems.push(messages.recipientsRow(displayFile, line, field, problem, fix));
    const bestuur = values.bestuur.trim();
    const bevoegdGezag = values.bevoegd_gezag.trim();
    if (!bestuur) at('bestuur', 'is empty', 'Give the name of the school board.');
    if (!/^\d{5}$/.test(bevoegdGezag)) at('bevoegd_gezag', `"${bevoegdGezag}" is not a bevoegd-gezagnummer`, 'Give the 5-digit number DUO uses (e.g. 41160).');
    const emails = values.email.split(';').map((e) => e.trim()).filter(Boolean);
    if (emails.length === 0) at('email', 'is empty', 'Give one or more addresses, separated by ";".');
    for (const e of emails) if (!EMAIL.test(e)) at('email', `"${e}" is not an e-mail address`, 'Correct it (name@domain.nl); separate several with ";".');
    const reports: ManifestEntry[] = [];
    const names = values.gemeenten.split(';').map((g) => g.trim()).filter(Boolean);
    if (names.length === 0) at('gemeenten', 'is empty', 'Give the gemeenten (codes or names) separated by ";".');
    for (const name of names) {
      let code: string;
      let gemeenteName: string;
      try {
        ({ code, name: gemeenteName } = findGemeente(dataset, name));
      } catch {
        const near = suggestGemeenten(dataset, name);
        at('gemeenten', `unknown gemeente "${name}"`, `Did you mean ${near.join(', ')}?`);
        continue;
      }
      const entry = byCode.get(code);
      if (!entry || entry.status === 'failed' || !entry.sha256) {
        at('gemeenten', messages.gemeenteWithoutReport(gemeenteName, code, entry?.status === 'failed'), 'Render it first: npx contextkaart batch --gemeenten <list> -o <this folder>.');
        continue;
      }
      if (!reports.includes(entry)) reports.push(entry);
    }
    const previousBoard = seenBoards.get(bevoegdGezag);
    if (bevoegdGezag && previousBoard) at('bevoegd_gezag', `${bevoegdGezag} also on line ${previousBoard}`, 'Give each board one row; put all its gemeenten in that row.');
    seenBoards.set(bevoegdGezag, line);
    const rowKey = `${emails.join(';').toLowerCase()}|${reports.map((r) => r.code).join(';')}`;
    const previousRow = seenRows.get(rowKey);
    if (previousRow && previousBoard === undefined) at('email', `same addresses and gemeenten as line ${previousRow}`, 'Remove the duplicate row.');
    seenRows.set(rowKey, line);
    out.push({ line, bestuur, bevoegdGezag, emails, reports });
  }
  if (problems.length) {
    throw new ReportError(messages.recipientsInvalid(displayFile, problems.length), 'data', { detail: problems.join('\n') });
  }
  return out;
}
