/**
 * The 30 factors of unequal opportunity (Verwey-Jonker Instituut, for the GKA)
 * in 5 levels, and which indicators of this report speak to each.
 */
import type { IndicatorDef } from '../data/catalogue.js';

export const factorLevels: { level: string; factors: string[] }[] = [
  { level: 'Leerling', factors: ['intelligentie', 'gezondheid', 'cultureel kapitaal', 'identiteitsontwikkeling', 'veerkracht', 'self-efficacy', 'agency', 'ambitie', 'motivatie'] },
  { level: 'Familie', factors: ['sociale status', 'financiële middelen', 'ouderlijk support', 'sibling support', 'stabiel huishouden', 'sociaal kapitaal'] },
  {
    level: 'School',
    factors: ['voor- en vroegschoolse educatie', 'kwalitatieve beoordeling', 'kwalitatieve docent', 'inclusief onderwijs', 'curriculum', 'gedifferentieerd onderwijs', 'extra-curriculaire activiteiten'],
  },
  { level: 'Wijk', factors: ['sociale klasse', 'inkomen', 'segregatie', 'sociale veiligheid', 'peer support'] },
  { level: 'Samenleving', factors: ['sociale ongelijkheid', 'onderwijssysteem', 'institutioneel racisme'] },
];

export const allFactors = factorLevels.flatMap((l) => l.factors);

export interface FactorCoverage {
  level: string;
  factors: { factor: string; indicators: string[] }[];
}

export function factorCoverage(defs: Iterable<IndicatorDef>): FactorCoverage[] {
  const list = [...defs];
  return factorLevels.map((l) => ({
    level: l.level,
    factors: l.factors.map((factor) => ({ factor, indicators: list.filter((d) => d.factors?.includes(factor)).map((d) => d.label) })),
  }));
}
