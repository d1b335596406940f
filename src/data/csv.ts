/** Minimal RFC 4180 CSV parser: quoted fields, doubled quotes, any separator, BOM stripped. */
export function parseCsv(text: string, separator = ','): string[][] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else field += c;
    } else if (c === '"') inQuotes = true;
    else if (c === separator) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

/** Rows as objects keyed by the header; `line` is the 1-based line number in the file. */
export function parseCsvRecords(text: string, separator = ','): { header: string[]; records: { line: number; values: Record<string, string> }[] } {
  const rows = parseCsv(text, separator);
  const header = (rows[0] ?? []).map((h) => h.trim());
  const records = rows.slice(1).map((r, i) => ({
    line: i + 2,
    values: Object.fromEntries(header.map((h, j) => [h, (r[j] ?? '').trim()])),
  }));
  return { header, records };
}
