/** Writes CSV text: quotes a field only when it holds the separator, a quote or a newline. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[], sep = ',', bom = false): string {
  const cell = (v: unknown) => {
    if (v === null || v === undefined) return '';
    const s = String(v);
    return s.includes(sep) || s.includes('"') || s.includes('\n') ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [header, ...rows].map((r) => r.map(cell).join(sep));
  return `${bom ? '\uFEFF' : ''}${lines.join('\n')}\n`;
}
