import { describe, expect, it } from 'vitest';
import { correlationSentence, rankCorrelation } from '../../src/interpret/wijk-correlation.js';

describe('rank correlation', () => {
  it('is 1 for the same order, -1 for the reverse, and handles ties with mean ranks', () => {
    expect(rankCorrelation([1, 2, 3, 4], [10, 20, 30, 45])).toBeCloseTo(1, 10);
    expect(rankCorrelation([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 10);
    // Ties: x ranks 1, 2.5, 2.5, 4 against y 1..4 → Pearson of the ranks.
    expect(rankCorrelation([1, 2, 2, 3], [1, 2, 3, 4])).toBeCloseTo(0.9486832981, 8);
    expect(rankCorrelation([1, 2], [1, 2])).toBeNull();
    expect(rankCorrelation([1, 1, 1], [1, 2, 3])).toBeNull();
  });
  it('is unchanged by any monotone transformation (a rank statistic)', () => {
    const x = [3.2, 5.1, 8.4, 12.0, 15.5, 21.3, 19.4, 6.6];
    const y = [4.4, 6.1, 7.0, 8.9, 9.2, 15.6, 10.1, 7.5];
    expect(rankCorrelation(x.map((v) => Math.log(v)), y.map((v) => v ** 3))).toBeCloseTo(rankCorrelation(x, y)!, 12);
  });
});

describe('correlation in words that claim no cause', () => {
  it('says how strongly two figures go together, never that one causes the other', () => {
    const strong = correlationSentence(0.78, 24, 'Arnhem', 'laag inkomen', 'jeugdzorg');
    expect(strong).toBe(
      'Over de 24 wijken van Arnhem gaan laag inkomen en jeugdzorg sterk samen (rangcorrelatie 0,78): waar het ene hoger is, is het andere meestal ook hoger. Samengaan betekent niet dat het een het ander veroorzaakt.',
    );
    expect(correlationSentence(0.45, 10, 'X', 'a', 'b')).toContain('gaan a en b duidelijk samen');
    // A negative correlation is not "samengaan".
    const negative = correlationSentence(-0.26, 10, 'X', 'a', 'b');
    expect(negative).toContain('lopen a en b enigszins tegengesteld (rangcorrelatie -0,26): waar het ene hoger is, is het andere meestal lager');
    expect(negative).not.toMatch(/samen/);
    expect(correlationSentence(0.1, 10, 'X', 'a', 'b')).toBe('Over de 10 wijken van X hangen a en b nauwelijks samen (rangcorrelatie 0,10).');
  });
});

describe('one count of wijken per report', () => {
  it('names the wijken with both figures out of all the wijken on the maps', () => {
    expect(correlationSentence(0.5, 15, 'Rotterdam', 'a', 'b', 21)).toMatch(/^Over de 15 van de 21 wijken van Rotterdam met beide cijfers gaan a en b duidelijk samen/);
    expect(correlationSentence(0.5, 21, 'Rotterdam', 'a', 'b', 21)).toMatch(/^Over de 21 wijken van Rotterdam gaan/);
  });
});
