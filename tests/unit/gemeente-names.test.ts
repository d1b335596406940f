/** Gemeente names as people type them: the two Bergens told apart, a plain name two gemeenten bear refused with both. */
import { describe, expect, it } from 'vitest';
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
