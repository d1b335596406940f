/**
 * The light lists a config is checked against before the dataset is loaded: the gemeenten and
 * provinces (the koppeltabel, 20 kB) and the wijken of the 2024 indeling (names and codes from
 * the PDOK wijken file). Read through the same data directory and file names as the full loader
 * (src/data/load-dataset.ts), with the same gemeente reading (src/data/gemeente-names.ts).
 */
import { join } from 'node:path';
import { ReportError } from '../util/errors.js';
import { messages } from '../util/messages.js';
import { parseCsvRecords } from '../util/csv.js';
import { DataReader, toNumber } from './sources/data-files.js';
import { koppeltabelSource } from './sources/cbs-gebieden.js';
import { kwb2024WijkenSource } from './sources/kwb-2024.js';
import { KOPPELTABEL_COLUMNS, gemeentenFromKoppeltabel, type GemeenteInfo } from './gemeente-names.js';

export interface WijkEntry {
  code: string;
  name: string;
  gemeenteCode: string;
  /** "Groot water" wijken have no inhabitants and no statistics. */
  populated: boolean;
}

export interface GemeenteList {
  dataDir: string;
  gemeenten: ReadonlyMap<string, GemeenteInfo>;
  provinces: ReadonlyMap<string, { code: string; name: string }>;
}

/** The gemeenten and provinces of the indeling 2023, as the full loader reads them. */
export async function readGemeenteList(dataDir: string): Promise<GemeenteList> {
  const read = new DataReader(dataDir);
  const koppel = parseCsvRecords(await read.text(koppeltabelSource.file), ';');
  for (const col of KOPPELTABEL_COLUMNS) {
    if (!koppel.header.includes(col)) throw new ReportError(messages.dataColumnMissing(join(dataDir, koppeltabelSource.file), col), 'data');
  }
  return { dataDir, ...gemeentenFromKoppeltabel(koppel.records) };
}

/** The wijken of the 2024 indeling of the given gemeenten (all known gemeenten: every wijk the loader keeps). */
export async function readWijkList(dataDir: string, gemeenten: ReadonlyMap<string, GemeenteInfo>): Promise<Map<string, WijkEntry>> {
  const read = new DataReader(dataDir);
  const fc = await read.json<{ features?: { properties?: Record<string, unknown> | null }[] }>(kwb2024WijkenSource.file);
  if (!Array.isArray(fc?.features)) throw new ReportError(messages.dataFileUnreadable(join(dataDir, kwb2024WijkenSource.file), 'no "features" list'), 'data');
  const wijken = new Map<string, WijkEntry>();
  for (const f of fc.features) {
    const p = f?.properties ?? {};
    const code = String(p.wijkcode);
    const gemeenteCode = String(p.gemeentecode);
    if (!gemeenten.has(gemeenteCode)) continue;
    wijken.set(code, { code, name: String(p.wijknaam), gemeenteCode, populated: toNumber(p.aantal_inwoners) !== null });
  }
  return wijken;
}
