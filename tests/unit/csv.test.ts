import { describe, expect, it } from 'vitest';
import { parseCsv, parseCsvRecords } from '../../src/util/csv.js';

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, separators in quotes, CRLF and a BOM', () => {
    const text = '\ufeffa;b\r\n"x;y";"say ""hi"""\r\n1;2\n';
    expect(parseCsv(text, ';')).toEqual([
      ['a', 'b'],
      ['x;y', 'say "hi"'],
      ['1', '2'],
    ]);
  });
  it('numbers records by their line in the file', () => {
    const { header, records } = parseCsvRecords('code,value\nGM0363,1\nGM0599,2\n');
    expect(header).toEqual(['code', 'value']);
    expect(records.map((r) => r.line)).toEqual([2, 3]);
    expect(records[1].values).toEqual({ code: 'GM0599', value: '2' });
  });
});
