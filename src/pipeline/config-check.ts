/**
 * Every problem of a region config at once, before any data is loaded (`contextkaart validate`):
 * YAML and schema, values given twice, the files it names (logo, texts, extra data), the brand
 * colour, and names and codes against the light lists of the data directory (gemeenten, wijken)
 * and the catalogue (figure and indicator ids). Each problem names file:line, the field and the fix.
 *
 * The name and code checks read the parsed document as it is, so they run even when the schema
 * has problems elsewhere: a bad colour does not hide a misspelt gemeente.
 */
import { brandColourWarning } from '../contrast.js';
import { domains, type Domain } from '../domains.js';
import { catalogue } from '../data/catalogue.js';
import { figureKinds } from '../data/figure-def.js';
import { figureList, figures as figureCatalogue, standardSections } from '../data/figures.js';
import { gemeenteMatches, nearestGemeenten, type GemeenteInfo } from '../data/gemeente-names.js';
import { editDistance } from '../util/edit-distance.js';
import { escapeControlChars } from '../util/escape.js';
import { ReportError } from '../util/errors.js';
import { messages } from '../util/messages.js';
import { outsideFilesAllowed } from '../config/files.js';
import { displayPath, formatPath, parseRegionDocument, readRegionConfigText, repeatProblems, schemaProblems, type ConfigProblem, type ParsedRegionDocument } from '../config/load.js';
import { readGemeenteList, readWijkList, type GemeenteList, type WijkEntry } from '../data/reference-data.js';
import { configFileReader } from '../config/resolve.js';
import { ExtraIndicator, type RegionConfig } from '../config/schema.js';
import { checkExtraRows, readExtraDataText, type ExtraRowIndicator } from '../data/extra-data.js';
import { decodeText } from '../util/text-encoding.js';
import { readFile } from 'node:fs/promises';

export interface ConfigCheck {
  file: string;
  displayFile: string;
  /** The config, when it passed the schema. */
  config?: RegionConfig;
  /** Every problem found, in file order. */
  problems: ConfigProblem[];
  /** Not problems: a brand colour too light for text. */
  warnings: string[];
  /** Why names and codes were not checked (the light lists of the data directory cannot be read). */
  namesUnchecked?: string;
  /** Warnings the data stage gives again (an extra-data file not in UTF-8): for validate to say when it stops before the data. */
  dataWarnings?: string[];
}

/** The light lists of one data directory, each read once and only when needed. */
export interface ReferenceData {
  dataDir: string;
  gemeenten: () => Promise<GemeenteList>;
  wijken: () => Promise<Map<string, WijkEntry>>;
}

export function referenceData(dataDir: string): ReferenceData {
  let gemeenten: Promise<GemeenteList> | undefined;
  let wijken: Promise<Map<string, WijkEntry>> | undefined;
  const ref: ReferenceData = {
    dataDir,
    gemeenten: () => (gemeenten ??= readGemeenteList(dataDir)),
    wijken: () => (wijken ??= ref.gemeenten().then((g) => readWijkList(dataDir, g.gemeenten))),
  };
  return ref;
}

/** The words of generic figures ("vergelijking:<indicator>") and their kinds. */
const genericWords: Record<string, string> = Object.fromEntries(
  Object.entries(figureKinds).flatMap(([kind, traits]) => ('configWord' in traits ? [[traits.configWord, kind]] : [])),
);

type Path = (string | number)[];

const isString = (v: unknown): v is string => typeof v === 'string';
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const record = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** Checks a config file; never throws for a problem of the config (a problem of the data lists becomes a warning). */
export async function checkRegionConfigFile(file: string, ref: ReferenceData, options: { allowOutsideFiles?: boolean } = {}): Promise<ConfigCheck> {
  const displayFile = displayPath(file);
  const whole = (e: unknown): ConfigCheck => {
    if (!(e instanceof ReportError)) throw e;
    return { file, displayFile, problems: [{ file: displayFile, field: '', message: e.message }], warnings: [] };
  };
  let parsed: ParsedRegionDocument;
  try {
    parsed = parseRegionDocument(await readRegionConfigText(file), file);
  } catch (e) {
    return whole(e);
  }
  return checkParsedConfig(parsed, ref, options);
}

export async function checkParsedConfig(parsed: ParsedRegionDocument, ref: ReferenceData, options: { allowOutsideFiles?: boolean } = {}): Promise<ConfigCheck> {
  const { displayFile } = parsed;
  const { config, problems } = schemaProblems(parsed);
  const warnings: string[] = [];
  problems.push(...repeatProblems(parsed, config ?? parsed.plain));
  const at = (path: Path) => {
    const line = parsed.lineOf(path);
    return { line, where: `${displayFile}${line ? `:${line}` : ''}` };
  };
  const add: Add = (path, message) => {
    const { line, where } = at(path);
    problems.push({ file: displayFile, line, field: formatPath(path), message: message(where, formatPath(path), line) });
  };
  const doc = record(parsed.plain);

  problems.push(...(await fileProblems(parsed, doc, options.allowOutsideFiles ?? outsideFilesAllowed())));

  const primary = record(doc.brand).primary;
  if (isString(primary) && /^#[0-9a-fA-F]{6}$/.test(primary)) {
    // As render says it (file without line), so the two read the same.
    const light = brandColourWarning(displayFile, primary);
    if (light) warnings.push(light);
  }

  const unchecked: string[] = [];
  await nameProblems(doc, ref, add, unchecked, displayFile);
  idProblems(doc, add);

  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  // The rows of the extra-data files after the config's own problems, per file in line order.
  const dataWarnings: string[] = [];
  problems.push(...(await extraDataRowProblems(parsed, doc, ref, options.allowOutsideFiles ?? outsideFilesAllowed(), unchecked, dataWarnings)));
  // Messages quote input: no control character reaches a terminal or a JSON reader (as ReportError does).
  const safe = problems.map((p) => ({ ...p, file: escapeControlChars(p.file), field: escapeControlChars(p.field), message: escapeControlChars(p.message) }));
  return {
    file: parsed.file,
    displayFile,
    config: problems.length ? undefined : config,
    problems: safe,
    warnings: warnings.map(escapeControlChars),
    ...(unchecked.length ? { namesUnchecked: escapeControlChars(unchecked[0]) } : {}),
    ...(dataWarnings.length ? { dataWarnings: dataWarnings.map(escapeControlChars) } : {}),
  };
}

/** The files the config names, each read as a render reads it (a problem of each, not only the first). */
async function fileProblems(parsed: ParsedRegionDocument, doc: Record<string, unknown>, allowOutside: boolean): Promise<ConfigProblem[]> {
  const reader = configFileReader(parsed, allowOutside);
  const problems: ConfigProblem[] = [];
  const attempt = async (path: Path, read: () => Promise<unknown>) => {
    try {
      await read();
    } catch (e) {
      if (!(e instanceof ReportError)) throw e;
      problems.push({ file: parsed.displayFile, line: parsed.lineOf(path), field: formatPath(path), message: e.message });
    }
  };
  const logo = record(doc.client).logo;
  if (isString(logo)) await attempt(['client', 'logo'], () => reader.readLogo(logo));
  if (isString(doc.introFile)) await attempt(['introFile'], () => reader.readText('introFile', doc.introFile as string));
  for (const [i, s] of list(doc.sections).entries()) {
    const textFile = record(s).textFile;
    if (isString(textFile)) await attempt(['sections', i, 'textFile'], () => reader.readText(`sections[${i}].textFile`, textFile));
  }
  for (const [i, e] of list(doc.extraData).entries()) {
    const f = record(e).file;
    if (isString(f)) await attempt(['extraData', i, 'file'], () => reader.locate(`extraData[${i}].file`, f));
  }
  return problems;
}

/** At most this many problems are listed per extra-data file; the rest are counted (as messages.ts lists problems). */
const MAX_ROW_PROBLEMS_PER_FILE = 20;

/**
 * The rows of each extra-data file under the rules of the data stage (extra-data.ts), codes against
 * the light lists: every problem as "<file>:<line>: <field>: problem. Fix.", at most 20 per file.
 * A file that cannot be located is a problem of fileProblems already.
 */
async function extraDataRowProblems(parsed: ParsedRegionDocument, doc: Record<string, unknown>, ref: ReferenceData, allowOutside: boolean, unchecked: string[], dataWarnings: string[]): Promise<ConfigProblem[]> {
  const reader = configFileReader(parsed, allowOutside);
  const problems: ConfigProblem[] = [];
  let lists: { gemeenten: ReadonlyMap<string, unknown>; wijken?: ReadonlyMap<string, unknown> } | null | undefined;
  const knownCode = async (needWijken: boolean): Promise<((code: string) => boolean) | undefined> => {
    try {
      lists ??= { gemeenten: (await ref.gemeenten()).gemeenten };
      if (needWijken) lists.wijken ??= await ref.wijken();
    } catch (e) {
      if (!(e instanceof ReportError)) throw e;
      unchecked.push(messages.configNotCheckedAgainstData(ref.dataDir, e.message.replace(/\.$/, '')));
      lists = null;
    }
    if (!lists) return undefined;
    const { gemeenten, wijken } = lists;
    return (code) => gemeenten.has(code) || !!wijken?.has(code);
  };
  for (const [i, e] of list(doc.extraData).entries()) {
    const file = record(e).file;
    if (!isString(file)) continue;
    let bytes: Buffer;
    try {
      bytes = await readFile((await reader.locate(`extraData[${i}].file`, file)).path);
    } catch (err) {
      if (err instanceof ReportError || (err as NodeJS.ErrnoException)?.code) continue;
      throw err;
    }
    const { text, encoding } = decodeText(bytes);
    if (encoding !== 'utf-8') dataWarnings.push(messages.extraDataNotUtf8(file));
    const { separator, records, problem } = readExtraDataText(text, file);
    if (problem) {
      problems.push({ file, ...problem });
      continue;
    }
    const declared = new Map<string, ExtraRowIndicator>();
    for (const ind of list(record(e).indicators)) {
      const { id, unit } = record(ind);
      // A unit the schema refuses is reported there; its rows are then checked without the unit rules.
      if (isString(id)) declared.set(id, { id, unit: ExtraIndicator.shape.unit.safeParse(unit).success ? (unit as string) : undefined });
    }
    // Without the light lists the codes are not checked (said once, as for the config's names).
    const isKnownCode = (await knownCode(records.some((r) => r.values.code.toUpperCase().startsWith('WK')))) ?? (() => true);
    const found = checkExtraRows(records, { separator, declared, isKnownCode }).flatMap((r) => r.problems);
    for (const p of found.slice(0, MAX_ROW_PROBLEMS_PER_FILE)) {
      problems.push({ file, line: p.line, field: p.field, message: messages.extraDataRow(file, p.line, p.field, p.problem, p.fix) });
    }
    if (found.length > MAX_ROW_PROBLEMS_PER_FILE) {
      const rest = found.slice(MAX_ROW_PROBLEMS_PER_FILE);
      problems.push({ file, line: rest[0].line, field: '', message: messages.extraDataMoreProblems(file, rest.length, rest[0].line, MAX_ROW_PROBLEMS_PER_FILE) });
    }
  }
  return problems;
}

type Add = (path: Path, message: (where: string, field: string, line: number | undefined) => string) => void;

/** Gemeenten, peers and wijken against the lists of the data directory. */
async function nameProblems(doc: Record<string, unknown>, ref: ReferenceData, add: Add, warnings: string[], displayFile: string): Promise<void> {
  const area = record(doc.area);
  const comparisons = record(doc.comparisons);
  const wanted = isString(area.gemeente) || list(area.gemeenten).some(isString) || list(comparisons.peers).some(isString) || list(area.wijken).some(isString);
  if (!wanted) return;
  let known: ReadonlyMap<string, GemeenteInfo>;
  try {
    known = (await ref.gemeenten()).gemeenten;
  } catch (e) {
    if (!(e instanceof ReportError)) throw e;
    warnings.push(messages.configNotCheckedAgainstData(ref.dataDir, e.message.replace(/\.$/, '')));
    return;
  }
  const lookup = (q: string, path: Path): GemeenteInfo | undefined => {
    const matches = gemeenteMatches(known, q);
    if (matches.length > 1) add(path, (where, field) => `${where}: ${field}: ${messages.ambiguousGemeente(q.trim(), matches.map((g) => `${g.name} (${g.code})`))}`);
    else if (!matches.length) add(path, (where, field) => `${where}: ${field}: ${messages.unknownGemeente(q, nearestGemeenten(known, q.trim()))}`);
    return matches.length === 1 ? matches[0] : undefined;
  };
  const lookupAll = (values: unknown[], path: Path): GemeenteInfo[] => {
    const found: GemeenteInfo[] = [];
    const firstAt = new Map<string, number>();
    for (const [i, q] of values.entries()) {
      if (!isString(q)) continue;
      const g = lookup(q, [...path, i]);
      if (!g) continue;
      // One gemeente by two spellings (a name and its code); the same text twice is a schema problem already.
      const first = firstAt.get(g.code);
      if (first === undefined) firstAt.set(g.code, i);
      else if ((values[first] as string).trim().toLowerCase() !== q.trim().toLowerCase()) {
        add([...path, i], (_where, field, line) => messages.configRepeated(displayFile, line, field, q, `${formatPath([...path, first])}, ${g.name}`));
      }
      found.push(g);
    }
    return found;
  };
  const single = isString(area.gemeente) ? lookup(area.gemeente, ['area', 'gemeente']) : undefined;
  const region = [...(single ? [single] : []), ...lookupAll(list(area.gemeenten), ['area', 'gemeenten'])];
  if (comparisons.similar !== false) {
    const peers = lookupAll(list(comparisons.peers), ['comparisons', 'peers']);
    const own = peers.find((p) => region.some((g) => g.code === p.code));
    if (own) add(['comparisons', 'peers'], (where) => messages.peerIsRegion(where, own.name));
  }

  const wijkCodes = list(area.wijken);
  if (!wijkCodes.some(isString)) return;
  let wijken: Map<string, WijkEntry>;
  try {
    wijken = await ref.wijken();
  } catch (e) {
    if (!(e instanceof ReportError)) throw e;
    warnings.push(messages.configNotCheckedAgainstData(ref.dataDir, e.message.replace(/\.$/, '')));
    return;
  }
  for (const [i, w] of wijkCodes.entries()) {
    if (!isString(w)) continue;
    const code = w.trim().toUpperCase();
    if (wijken.has(code)) continue;
    const gemeente = /^WK\d{4}/.test(code) ? known.get(`GM${code.slice(2, 6)}`) : undefined;
    const ofGemeente = gemeente ? [...wijken.values()].filter((x) => x.gemeenteCode === gemeente.code && x.populated) : [];
    add(['area', 'wijken', i], (where, field) => messages.configUnknownWijk(where, field, w, gemeente, ofGemeente));
  }
}

/** Figure and indicator ids against the catalogue and the config's own indicators. */
function idProblems(doc: Record<string, unknown>, add: Add): void {
  const extraIds = new Map<string, Domain | undefined>();
  for (const [ei, e] of list(doc.extraData).entries()) {
    for (const [ii, ind] of list(record(e).indicators).entries()) {
      const { id, domain } = record(ind);
      if (!isString(id)) continue;
      if (catalogue.has(id)) add(['extraData', ei, 'indicators', ii, 'id'], (where, field) => messages.configExtraIdTaken(where, field, id));
      else extraIds.set(id, (domains as readonly unknown[]).includes(domain) ? (domain as Domain) : undefined);
    }
  }
  const known = (id: string) => extraIds.has(id) || (catalogue.has(id) && !catalogue.get(id)!.internal);
  const near = (id: string) => [...[...catalogue.values()].filter((c) => !c.internal).map((c) => c.id), ...extraIds.keys()].filter((c) => editDistance(c, id) <= 3);
  const indicator = (id: unknown, path: Path) => {
    if (isString(id) && !known(id)) add(path, (where, field) => messages.unknownIndicator(where, field, id, near(id)));
  };

  const sections = Array.isArray(doc.sections) ? doc.sections.map(record) : undefined;
  for (const [i, s] of (sections ?? []).entries()) {
    const domain = (domains as readonly unknown[]).includes(s.domain) ? (s.domain as Domain) : undefined;
    for (const [j, id] of list(s.figures).entries()) {
      if (!isString(id) || figureCatalogue.has(id)) continue;
      const path = ['sections', i, 'figures', j];
      const m = /^([a-z]+):(.+)$/.exec(id);
      if (m && m[1] in genericWords) {
        const def = catalogue.get(m[2]);
        if (!known(m[2])) add(path, (where, field) => messages.unknownIndicator(where, field, m[2], near(m[2])));
        else if (genericWords[m[1]] === 'wijk-map' && def && !def.fields.wijk) add(path, (where, field) => messages.noWijkData(where, field, def.id));
        continue;
      }
      const named = figureList.map((f) => f.id);
      const nearFigures = named.filter((f) => editDistance(f, id) <= 3).sort((a, b) => editDistance(a, id) - editDistance(b, id)).slice(0, 3);
      const ofDomain = figureList.filter((f) => f.domain === domain).map((f) => f.id);
      add(path, (where, field) => messages.configUnknownFigure(where, field, id, nearFigures, domain, ofDomain, Object.keys(genericWords)));
    }
    for (const [j, id] of list(s.indicators).entries()) indicator(id, ['sections', i, 'indicators', j]);
    for (const id of Object.keys(record(s.indicatorTexts))) indicator(id, ['sections', i, 'indicatorTexts', id]);
  }
  for (const [i, id] of list(record(doc.interpretation).exclude).entries()) indicator(id, ['interpretation', 'exclude', i]);

  // A client's own indicator that no section shows would silently be left out (as select.ts decides).
  for (const [ei, e] of list(doc.extraData).entries()) {
    for (const [ii, ind] of list(record(e).indicators).entries()) {
      const { id } = record(ind);
      if (!isString(id) || !extraIds.has(id)) continue;
      const domain = extraIds.get(id);
      if (!domain) continue;
      const shown = sections
        ? sections.some(
            (s) =>
              (s.domain === domain && !Array.isArray(s.indicators)) ||
              list(s.indicators).includes(id) ||
              list(s.figures).some((f) => isString(f) && f.endsWith(`:${id}`) && f.split(':')[0] in genericWords),
          )
        : standardSections.some((s) => s.domain === domain);
      if (!shown) add(['extraData', ei, 'indicators', ii, 'id'], (where, field) => messages.extraIndicatorUnused(where, field, id, domain));
    }
  }
}
