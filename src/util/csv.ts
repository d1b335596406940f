/** RFC 4180 CSV parser: quoted fields, doubled quotes, any separator, BOM stripped. Unquoted fields are sliced, not built char by char. */
export function parseCsv(text: string, separator = ','): string[][] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rows: string[][] = [];
  const sep = separator.charCodeAt(0);
  const n = text.length;
  let row: string[] = [];
  let i = 0;
  while (i < n) {
    let field: string;
    if (text.charCodeAt(i) === 34 /* " */) {
      // Quoted field: up to the closing quote, "" is a quote.
      let out = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q === -1) {
          out += text.slice(j);
          j = n;
          break;
        }
        out += text.slice(j, q);
        if (text.charCodeAt(q + 1) === 34) {
          out += '"';
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      // Anything after the closing quote up to the separator belongs to the field.
      let k = j;
      while (k < n) {
        const c = text.charCodeAt(k);
        if (c === sep || c === 10 || c === 13) break;
        k++;
      }
      field = out + text.slice(j, k);
      i = k;
    } else {
      let k = i;
      while (k < n) {
        const c = text.charCodeAt(k);
        if (c === sep || c === 10 || c === 13) break;
        k++;
      }
      field = text.slice(i, k);
      i = k;
    }
    row.push(field);
    if (i >= n) break;
    const c = text.charCodeAt(i);
    if (c === sep) {
      i++;
      if (i >= n) row.push('');
    } else {
      // End of line (\n, \r\n or \r).
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      rows.push(row);
      row = [];
    }
  }
  if (row.length > 0) rows.push(row);
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

/** Rows as objects keyed by the header; `line` is the 1-based line number in the file. */
export function parseCsvRecords(text: string, separator = ','): { header: string[]; records: { line: number; values: Record<string, string> }[] } {
  const rows = parseCsv(text, separator);
  const header = (rows[0] ?? []).map((h) => h.trim());
  const records: { line: number; values: Record<string, string> }[] = new Array(Math.max(0, rows.length - 1));
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i];
    const values: Record<string, string> = {};
    for (let j = 0; j < header.length; j++) values[header[j]] = (r[j] ?? '').trim();
    records[i - 1] = { line: i + 1, values };
  }
  return { header, records };
}
