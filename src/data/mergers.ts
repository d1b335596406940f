/**
 * The gemeenten merged between the indeling of 2019 and that of 2023 (CBS, gemeentelijke
 * indelingen per jaar), and how an older code maps to 2023. Pure data: the source readers use it
 * to place schools and wijken; indeling.ts converts the figures.
 */
export interface Merger {
  /** 1 January of the year from which the new gemeente exists in the data (Weesp: 24 March 2022, so from the 2023 indeling). */
  from: number;
  into: string;
  name: string;
  parts: { code: string; name: string }[];
}

/** Mergers between the indeling of 2019 and that of 2023 (CBS, gemeentelijke indelingen per jaar). */
export const mergers: Merger[] = [
  {
    from: 2021,
    into: 'GM1979',
    name: 'Eemsdelta',
    parts: [
      { code: 'GM0003', name: 'Appingedam' },
      { code: 'GM0010', name: 'Delfzijl' },
      { code: 'GM0024', name: 'Loppersum' },
    ],
  },
  {
    from: 2022,
    into: 'GM1982',
    name: 'Land van Cuijk',
    parts: [
      { code: 'GM0756', name: 'Boxmeer' },
      { code: 'GM1684', name: 'Cuijk' },
      { code: 'GM0786', name: 'Grave' },
      { code: 'GM0815', name: 'Mill en Sint Hubert' },
      { code: 'GM1702', name: 'Sint Anthonis' },
    ],
  },
  {
    from: 2022,
    into: 'GM1991',
    name: 'Maashorst',
    parts: [
      { code: 'GM1685', name: 'Landerd' },
      { code: 'GM0856', name: 'Uden' },
    ],
  },
  {
    from: 2022,
    into: 'GM1980',
    name: 'Dijk en Waard',
    parts: [
      { code: 'GM0398', name: 'Heerhugowaard' },
      { code: 'GM0416', name: 'Langedijk' },
    ],
  },
  {
    from: 2022,
    into: 'GM0439',
    name: 'Purmerend',
    parts: [
      { code: 'GM0439', name: 'Purmerend' },
      { code: 'GM0370', name: 'Beemster' },
    ],
  },
  {
    from: 2023,
    into: 'GM0363',
    name: 'Amsterdam',
    parts: [
      { code: 'GM0363', name: 'Amsterdam' },
      { code: 'GM0457', name: 'Weesp' },
    ],
  },
  {
    from: 2023,
    into: 'GM1992',
    name: 'Voorne aan Zee',
    parts: [
      { code: 'GM0501', name: 'Brielle' },
      { code: 'GM0530', name: 'Hellevoetsluis' },
      { code: 'GM0614', name: 'Westvoorne' },
    ],
  },
];

/**
 * Haaren (GM0788) was split on 1 January 2021 over four gemeenten, by village. A
 * gemeente figure of Haaren cannot be divided; a school in Haaren is placed by its place name.
 */
export const HAAREN = 'GM0788';
export const haarenByPlace: Record<string, string> = {
  HAAREN: 'GM0824', // Oisterwijk
  HELVOIRT: 'GM0865', // Vught
  ESCH: 'GM0757', // Boxtel
  BIEZENMORTEL: 'GM0855', // Tilburg
};

/** The target indeling of every report. */
export const TARGET_INDELING = 2023;

/** Mergers that apply to data published in the indeling of `year`. */
export function mergersSince(year: number): Merger[] {
  return mergers.filter((m) => m.from > year);
}

/** The 2023 code of a gemeente code of an older indeling (itself when unchanged). */
export function codeIn2023(code: string, indeling: number): string {
  for (const m of mergersSince(indeling)) if (m.parts.some((p) => p.code === code)) return m.into;
  return code;
}
