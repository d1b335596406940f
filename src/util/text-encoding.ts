/**
 * Text files from users and publishers: UTF-8 when the bytes are valid UTF-8, else
 * Windows-1252 (Excel's "CSV" on Windows, DUO's older files).
 */

/** Windows-1252 0x80-0x9F (the five undefined bytes stay as they are). */
const CP1252_80_9F = ['€', '', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '', 'Ž', '', '', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '', 'ž', 'Ÿ'];

export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Node's TextDecoder('windows-1252') decodes as Latin-1: map 0x80-0x9F ourselves.
    const text = new TextDecoder('latin1').decode(bytes).replace(/[\u0080-\u009f]/g, (c) => CP1252_80_9F[c.charCodeAt(0) - 0x80] || c);
    return { text, encoding: 'windows-1252' };
  }
}
