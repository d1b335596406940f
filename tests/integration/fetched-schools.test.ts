/**
 * A contextkaart with school points from `data fetch` (DUO registers placed by a local stand-in for
 * the PDOK Locatieserver): the map's legend, its source line and the colophon date and cite the
 * fetched addresses. The other data files are the staged ones, linked (not copied) into a temp dir
 * (tests/helpers/linked-data.ts).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchTables } from '../../src/fetch/catalogue.js';
import { sources } from '../../src/data/sources.js';
import { stagedDataWith } from '../helpers/linked-data.js';
import { fakeFetchContext, startFakePublishers, type FakePublishers } from '../helpers/fake-publishers.js';
import { readPdf } from '../helpers/pdf.js';
import { runCli } from '../helpers/run-cli.js';

let fake: FakePublishers;
let tmp: string;

beforeAll(async () => {
  fake = await startFakePublishers();
  tmp = await mkdtemp(join(tmpdir(), 'ck-fetched-schools-'));
});
afterAll(async () => {
  await fake.close();
  await rm(tmp, { recursive: true, force: true });
});

describe('school points fetched from DUO and the PDOK Locatieserver', () => {
  it('are drawn on the wijk maps, dated by the fetch, and credited in the colophon', async () => {
    const schoolsFile = sources['duo-scholen-2024'].file;
    const table = fetchTables.find((t) => t.name === 'duo-pdok-schoolpunten')!;
    const { text } = await table.fetch(fakeFetchContext(fake));
    await writeFile(join(tmp, 'schools.geojson'), text);
    const data = await stagedDataWith(join(tmp, 'data'), { [schoolsFile]: join(tmp, 'schools.geojson') });
    const fetchedOn = (JSON.parse(text) as { metadata: { addressesFetched: string } }).metadata.addressesFetched;
    const month = new Intl.DateTimeFormat('nl-NL', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${fetchedOn}T00:00:00Z`));
    const day = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${fetchedOn}T00:00:00Z`));

    const config = join(tmp, 'arnhem-scholen.yaml');
    await writeFile(config, 'id: arnhem-scholen\narea:\n  gemeente: Arnhem\nmaps:\n  schools: true\n');
    const pdf = join(tmp, 'arnhem.pdf');
    const r = await runCli(['render', config, '--edition', 'volledig', '--data', data, '-o', pdf, '-q']);
    expect(r.code, r.stderr).toBe(0);
    const read = await readPdf(pdf);
    const flat = read.text.replace(/\s+/g, ' ');
    const legend = new RegExp(`Scholen op de kaart \\(adressen ${month}\\): ● basisonderwijs \\((\\d+)\\)`);
    const m = legend.exec(flat);
    expect(m, 'legend with the fetch month').not.toBeNull();
    expect(Number(m![1])).toBeGreaterThan(30);
    expect(flat).toContain(`scholen: DUO, Adressen schoolvestigingen ${month} (geocodering PDOK Locatieserver, BAG)`);
    expect(flat).toContain(`uit de adresbestanden van DUO, opgehaald op ${day}, op de kaart gezet met de PDOK Locatieserver`);
    expect(flat).not.toContain('november 2024 (geocodering BAG)');
  });
});
