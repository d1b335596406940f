/** The code under which Nederland's own figures are stored (a source's "NL00" and an extra-data file's "NL01"). */
export const NEDERLAND_CODE = 'NL01';

/** One value of one indicator for one area and year. */
export interface Observation {
  value: number | null;
  /** Counts behind a percentage, when known: used to aggregate exactly and to suppress small numbers. */
  numerator?: number;
  denominator?: number;
  /** Withheld because it rests on too few persons. */
  suppressed?: boolean;
  /** The measure cannot be combined over areas (a median): "n.v.t." rather than "geen gegevens". */
  notApplicable?: boolean;
  /** Why the value is missing or how it was made, in Dutch, for the reader. */
  note?: string;
  /** Rests on cells the publisher masked (DUO's "<5" counted as 2): printed as approximate. */
  approximate?: boolean;
  /**
   * An area of wijken's figure of schools (select.ts, school-area.ts): the number of schools
   * located in the area whose figures it is computed from ("12 scholen in het gebied").
   */
  schools?: { count: number; per: 'vestiging' | 'instelling' };
}

/** indicator → year → area code → observation. */
export class SeriesStore {
  private readonly data = new Map<string, Map<number, Map<string, Observation>>>();

  /** A store may overlay a shared parent (a region's extra data over the run's dataset). */
  constructor(private readonly parent?: SeriesStore) {}

  set(indicator: string, year: number, code: string, obs: Observation): void {
    let byYear = this.data.get(indicator);
    if (!byYear) this.data.set(indicator, (byYear = new Map()));
    let byCode = byYear.get(year);
    if (!byCode) byYear.set(year, (byCode = new Map()));
    byCode.set(code, obs);
  }

  get(indicator: string, year: number, code: string): Observation | undefined {
    return this.data.get(indicator)?.get(year)?.get(code) ?? this.parent?.get(indicator, year, code);
  }

  value(indicator: string, year: number, code: string): number | null {
    return this.get(indicator, year, code)?.value ?? null;
  }

  years(indicator: string): number[] {
    const own = [...(this.data.get(indicator)?.keys() ?? [])];
    return [...new Set([...own, ...(this.parent?.years(indicator) ?? [])])].sort((a, b) => a - b);
  }

  byCode(indicator: string, year: number): ReadonlyMap<string, Observation> {
    const own = this.data.get(indicator)?.get(year);
    const inherited = this.parent?.byCode(indicator, year);
    if (!inherited || inherited.size === 0) return own ?? new Map();
    return own ? new Map([...inherited, ...own]) : inherited;
  }

  delete(indicator: string, year: number, code: string): void {
    this.data.get(indicator)?.get(year)?.delete(code);
  }

  indicators(): string[] {
    return [...this.data.keys()];
  }
}

/** CBS-style suppression: no percentage behind fewer than 5 persons or a base below 10. */
export const suppression = { minNumerator: 5, minDenominator: 10 } as const;

export function applySuppression(obs: Observation): Observation {
  if (obs.value === null) return obs;
  const smallNumerator = obs.numerator !== undefined && obs.numerator < suppression.minNumerator && obs.numerator > 0;
  const smallDenominator = obs.denominator !== undefined && obs.denominator < suppression.minDenominator;
  if (smallNumerator || smallDenominator) {
    // The counts stay: a larger area still sums them; only this small figure is not printed.
    return { value: null, suppressed: true, note: 'te weinig personen om te publiceren', numerator: obs.numerator, denominator: obs.denominator };
  }
  return obs;
}
