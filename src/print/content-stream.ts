/**
 * A small PDF content-stream tokenizer: splits a decoded stream into operations
 * (operand tokens + operator), keeping each token's source bytes so a stream can be
 * rewritten without changing what it draws. Used to mark artifacts (pdf-ua.ts) and
 * by the accessibility checks.
 */

export interface Operation {
  operator: string;
  /** Operand tokens as source text (latin1), e.g. "/F4", "10.66", "<0001>", "(a\\)b)". */
  operands: string[];
  /** Source text of the whole operation (operands and operator; for BI the whole inline image). */
  source: string;
}

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

/** Splits a decoded content stream into operations. Comments are dropped. */
export function parseContentStream(bytes: Uint8Array): Operation[] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const ops: Operation[] = [];
  let operands: string[] = [];
  let start = -1;
  let i = 0;
  const n = text.length;
  const code = (k: number) => text.charCodeAt(k);
  const regular = (k: number) => k < n && !WHITESPACE.has(code(k)) && !DELIMITERS.has(code(k));
  /** End (exclusive) of the token that starts at k. */
  const tokenEnd = (k: number): number => {
    const c = text[k];
    if (c === '(') {
      let depth = 0;
      for (let j = k; j < n; j++) {
        const d = text[j];
        if (d === '\\') j++;
        else if (d === '(') depth++;
        else if (d === ')' && --depth === 0) return j + 1;
      }
      return n;
    }
    if (c === '<' && text[k + 1] === '<') {
      // A dictionary: nested << >>, strings inside.
      let depth = 0;
      let j = k;
      while (j < n) {
        if (text[j] === '<' && text[j + 1] === '<') { depth++; j += 2; }
        else if (text[j] === '>' && text[j + 1] === '>') { depth--; j += 2; if (depth === 0) return j; }
        else if (text[j] === '(') j = tokenEnd(j);
        else j++;
      }
      return n;
    }
    if (c === '<') return text.indexOf('>', k) + 1 || n;
    if (c === '[') {
      let j = k + 1;
      while (j < n && text[j] !== ']') {
        if (WHITESPACE.has(code(j))) j++;
        else j = tokenEnd(j);
      }
      return j + 1;
    }
    if (c === '/') {
      let j = k + 1;
      while (regular(j)) j++;
      return j;
    }
    let j = k;
    while (regular(j)) j++;
    return Math.max(j, k + 1);
  };
  while (i < n) {
    const c = code(i);
    if (WHITESPACE.has(c)) { i++; continue; }
    if (c === 0x25) { while (i < n && code(i) !== 0x0a && code(i) !== 0x0d) i++; continue; }
    const end = tokenEnd(i);
    const token = text.slice(i, end);
    const isOperand = c === 0x28 || c === 0x3c || c === 0x5b || c === 0x2f || c === 0x2b || c === 0x2d || c === 0x2e || (c >= 0x30 && c <= 0x39) || token === 'true' || token === 'false' || token === 'null';
    if (isOperand) {
      if (start < 0) start = i;
      operands.push(token);
      i = end;
      continue;
    }
    if (start < 0) start = i;
    if (token === 'BI') {
      // Inline image: keep everything up to and including EI as one operation.
      let j = text.indexOf('ID', end);
      let k = j + 3;
      while (k < n) {
        k = text.indexOf('EI', k);
        if (k < 0) { k = n; break; }
        if (WHITESPACE.has(code(k - 1)) && (k + 2 >= n || WHITESPACE.has(code(k + 2)))) break;
        k += 2;
      }
      j = Math.min(n, k + 2);
      ops.push({ operator: 'BI', operands, source: text.slice(start, j) });
      i = j;
    } else {
      ops.push({ operator: token, operands, source: text.slice(start, end) });
      i = end;
    }
    operands = [];
    start = -1;
  }
  return ops;
}

export function serializeOperations(ops: Operation[]): Uint8Array {
  return Buffer.from(ops.map((o) => o.source).join('\n'), 'latin1');
}

/** Operators that paint (or end) a path. */
export const PATH_PAINT = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'n']);
export const PATH_CONSTRUCT = new Set(['m', 'l', 'c', 'v', 'y', 'h', 're', 'W', 'W*']);
export const TEXT_SHOW = new Set(['Tj', 'TJ', "'", '"']);

/** 2D affine matrix [a b c d e f]. */
export type Matrix = [number, number, number, number, number, number];
export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m × n (apply m first, then n), as PDF concatenates: cm sets CTM = m × CTM. */
export function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

export function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}
