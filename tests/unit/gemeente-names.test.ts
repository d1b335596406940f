/** Gemeente names as people type them: the two Bergens told apart, a plain name two gemeenten bear refused with both. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { gemeenteMatches, lookupGemeente, nearestGemeenten } from '../../src/data/gemeente-names.js';
import { messages } from '../../src/util/messages.js';

// FIXTURE: names as the koppeltabel (indeling 2023) spells them.
const gemeenten = new Map(
  [
    ['GM0373', 'Bergen (NH.)'],
    ['GM0893', 'Bergen (L.)'],
    ['GM0748', 'Bergen op Zoom'],
    ['GM0164', 'Hengelo (O.)'],
    ['GM0518', "'s-Gravenhage"],
  ].map(([code, name]) => [code, { code, name }]),
);

describe('lookupGemeente', () => {
  it('takes the name with its addition, in any spelling, as that gemeente', () => {
    expect(lookupGemeente(gemeenten, 'Bergen (L.)')?.code).toBe('GM0893');
    expect(lookupGemeente(gemeenten, 'bergen l')?.code).toBe('GM0893');
    expect(lookupGemeente(gemeenten, 'Bergen (NH.)')?.code).toBe('GM0373');
    expect(lookupGemeente(gemeenten, 'BERGEN NH')?.code).toBe('GM0373');
  });

  it('takes a plain name that one gemeente bears, an alias and a code', () => {
    expect(lookupGemeente(gemeenten, 'Hengelo')?.code).toBe('GM0164');
    expect(lookupGemeente(gemeenten, 'Den Haag')?.code).toBe('GM0518');
    expect(lookupGemeente(gemeenten, 'gm0748')?.code).toBe('GM0748');
  });

  it('refuses a plain name two gemeenten bear, and names both', () => {
    expect(lookupGemeente(gemeenten, 'Bergen')).toBeUndefined();
    expect(gemeenteMatches(gemeenten, 'Bergen').map((g) => g.code)).toEqual(['GM0373', 'GM0893']);
    expect(nearestGemeenten(gemeenten, 'Bergen')).toEqual(['Bergen (NH.) (GM0373)', 'Bergen (L.) (GM0893)']);
    expect(messages.ambiguousGemeente('Bergen', nearestGemeenten(gemeenten, 'Bergen'))).toBe(
      '"Bergen" is the name of 2 gemeenten: Bergen (NH.) (GM0373), Bergen (L.) (GM0893). Give the CBS code or the name with its addition, e.g. "Bergen (L.)".',
    );
  });
});

describe('on the command line', () => {
  // FIXTURE: a data directory with only the light gemeente and wijk lists.
  const root = mkdtempSync(join(tmpdir(), 'contextkaart-bergen-'));
  mkdirSync(join(root, 'cbs'), { recursive: true });
  mkdirSync(join(root, 'geo'), { recursive: true });
  writeFileSync(
    join(root, 'cbs/gemeente_vr_provincie_koppeling.csv'),
    'gemeentCode;gemeenteNaam;veiligheidsRegioCode;veiligheidsRegioNaam;provincieCode;Provincie;Land\n' +
      'GM0373;Bergen (NH.);VR10;Noord-Holland-Noord;PV27;Noord Holland;NL\nGM0893;Bergen (L.);VR23;Limburg-Noord;PV31;Limburg;NL\n',
  );
  const wijk = (code: string, name: string, gemeente: string) => ({ type: 'Feature', geometry: null, properties: { wijkcode: code, wijknaam: name, gemeentecode: gemeente, gemeentenaam: 'x', aantal_inwoners: 1000 } });
  writeFileSync(join(root, 'geo/wijken_2024_pdok.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [wijk('WK037301', 'Bergen NH', 'GM0373'), wijk('WK089301', 'Aijen', 'GM0893')] }));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('wijken "Bergen (L.)" lists Bergen (L.); wijken Bergen names both and exits 2', async () => {
    const l = await runCli(['wijken', 'Bergen (L.)', '--data', root]);
    expect(l.code, l.stderr).toBe(0);
    expect(l.stdout).toContain('Bergen (L.) (GM0893)');
    expect(l.stdout).toContain('WK089301');
    const both = await runCli(['wijken', 'Bergen', '--data', root]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain(messages.ambiguousGemeente('Bergen', ['Bergen (NH.) (GM0373)', 'Bergen (L.) (GM0893)']));
  });
});
