/**
 * A small PDF content-stream tokenizer: splits a decoded stream into operations
 * (operand tokens + operator) in one pass over the bytes. An operation keeps only
 * offsets into the stream; its operands and source text are read when asked, so a
 * page of 10 000 glyphs costs no strings. A stream is rewritten by inserting text
 * between operations (ContentEditor), so what it draws stays byte for byte the same.
 * Used to mark artifacts (pdf-ua.ts) and by the accessibility checks.
 */

/** Character classes of PDF syntax (ISO 32000-1, 7.2.2): 1 whitespace, 2 delimiter, 0 regular. */
const CHAR_CLASS = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CHAR_CLASS[c] = 1;
for (const c of [0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]) CHAR_CLASS[c] = 2;
const isWhitespace = (c: number) => CHAR_CLASS[c] === 1;

const latin1 = (bytes: Uint8Array, from: number, to: number) => Buffer.from(bytes.buffer, bytes.byteOffset + from, to - from).toString('latin1');

/** The tokens and bytes of one parsed stream, shared by its operations. */
interface StreamTokens {
  bytes: Uint8Array;
  /** Start and end (exclusive) of each operand token, in pairs. */
  bounds: Int32Array;
}

/** One operation of a content stream: its operator, and where its operands and source lie in the stream. */
export class Operation {
  constructor(
    private readonly stream: StreamTokens,
    readonly operator: string,
    /** Byte offsets of the whole operation (first operand to the end of the operator; for BI, up to EI). */
    readonly start: number,
    readonly end: number,
    private readonly firstOperand: number,
    readonly operandCount: number,
  ) {}

  /** Operand tokens as source text (latin1), e.g. "/F4", "10.66", "<0001>", "(a\\)b)". */
  get operands(): string[] {
    const result: string[] = [];
    for (let k = 0; k < this.operandCount; k++) result.push(this.operand(k));
    return result;
  }

  /** Source text of the whole operation (operands and operator; for BI the whole inline image). */
  get source(): string {
    return latin1(this.stream.bytes, this.start, this.end);
  }

  operand(k: number): string {
    if (k < 0 || k >= this.operandCount) return '';
    const i = 2 * (this.firstOperand + k);
    return latin1(this.stream.bytes, this.stream.bounds[i], this.stream.bounds[i + 1]);
  }

  /** Byte offset where operand k starts (0 when there is none). */
  operandStart(k: number): number {
    return k < 0 || k >= this.operandCount ? 0 : this.stream.bounds[2 * (this.firstOperand + k)];
  }

  /** Byte offset where operand k ends, exclusive (0 when there is none). */
  operandEnd(k: number): number {
    return k < 0 || k >= this.operandCount ? 0 : this.stream.bounds[2 * (this.firstOperand + k) + 1];
  }

  /** The stream's bytes (for readers of string operands). */
  get bytes(): Uint8Array {
    return this.stream.bytes;
  }

  /** Byte ranges of the strings this operation shows: Tj, ' and " their last operand, TJ each string in its array. */
  shownStrings(): [number, number][] {
    const from = this.operandStart(this.operandCount - 1);
    const to = this.operandEnd(this.operandCount - 1);
    if (this.operator !== 'TJ') return from === to ? [] : [[from, to]];
    const b = this.stream.bytes;
    const strings: [number, number][] = [];
    for (let j = from + 1; j < to - 1; ) {
      const c = b[j];
      if (c === 0x28 || c === 0x3c) {
        const end = Math.min(tokenEnd(b, j), to - 1);
        strings.push([j, end]);
        j = end;
      } else j++;
    }
    return strings;
  }

  /** Operand k as a number (as Number() reads the token: NaN when it is not one). */
  number(k: number): number {
    const from = this.operandStart(k);
    const to = this.operandEnd(k);
    return from === to ? NaN : parseNumber(this.stream.bytes, from, to);
  }
}

const HEX_VALUE = new Int8Array(256).fill(-1);
for (let c = 0; c < 16; c++) {
  HEX_VALUE['0123456789abcdef'.charCodeAt(c)] = c;
  HEX_VALUE['0123456789ABCDEF'.charCodeAt(c)] = c;
}
const ESCAPES: Record<number, number> = { 0x6e: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12, 0x28: 40, 0x29: 41, 0x5c: 92 };

/** The bytes of a string token (<hex> or (literal)) at [from, to) of the stream, written into `into`; returns their number. */
export function stringTokenBytes(b: Uint8Array, from: number, to: number, into: Uint8Array): number {
  let n = 0;
  if (b[from] === 0x3c) {
    let high = -1;
    for (let i = from + 1; i < to - 1; i++) {
      const v = HEX_VALUE[b[i]];
      if (v < 0) continue;
      if (high < 0) high = v;
      else { into[n++] = (high << 4) | v; high = -1; }
    }
    if (high >= 0) into[n++] = high << 4;
    return n;
  }
  for (let i = from + 1; i < to - 1; i++) {
    const c = b[i];
    if (c !== 0x5c) { into[n++] = c; continue; }
    const e = b[++i];
    if (e >= 0x30 && e <= 0x37) {
      let octal = e - 0x30;
      for (let d = 1; d < 3 && b[i + 1] >= 0x30 && b[i + 1] <= 0x37; d++) octal = octal * 8 + (b[++i] - 0x30);
      into[n++] = octal & 0xff;
    } else if (e === 0x0d) {
      if (b[i + 1] === 0x0a) i++;
    } else if (e !== 0x0a) into[n++] = ESCAPES[e] ?? e;
  }
  return n;
}

/** A PDF number token (digits, one point, a sign), read without making a string. */
function parseNumber(bytes: Uint8Array, from: number, to: number): number {
  let i = from;
  let sign = 1;
  if (bytes[i] === 0x2d) { sign = -1; i++; } else if (bytes[i] === 0x2b) i++;
  let value = 0;
  let scale = 0;
  let digits = 0;
  for (; i < to; i++) {
    const c = bytes[i];
    if (c >= 0x30 && c <= 0x39) {
      value = value * 10 + (c - 0x30);
      if (scale) scale *= 10;
      digits++;
    } else if (c === 0x2e && !scale) scale = 1;
    else return Number(latin1(bytes, from, to));
  }
  // Long mantissas lose exactness when summed digit by digit; let Number() read those.
  if (digits === 0 || digits > 15) return digits === 0 ? NaN : Number(latin1(bytes, from, to));
  return (sign * value) / (scale || 1);
}

/** Operators by their bytes (all are 1 to 3 characters), so each is one shared string. */
const operatorNames = new Map<number, string>();

function operatorName(bytes: Uint8Array, from: number, to: number): string {
  if (to - from > 3) return latin1(bytes, from, to);
  let key = to - from;
  for (let i = from; i < to; i++) key = key * 256 + bytes[i];
  let name = operatorNames.get(key);
  if (name === undefined) {
    name = latin1(bytes, from, to);
    operatorNames.set(key, name);
  }
  return name;
}

/** End (exclusive) of the token that starts at k. */
function tokenEnd(b: Uint8Array, k: number): number {
  const n = b.length;
  const c = b[k];
  if (c === 0x28) {
    // A literal string: balanced parentheses, backslash escapes.
    let depth = 0;
    for (let j = k; j < n; j++) {
      const d = b[j];
      if (d === 0x5c) j++;
      else if (d === 0x28) depth++;
      else if (d === 0x29 && --depth === 0) return j + 1;
    }
    return n;
  }
  if (c === 0x3c && b[k + 1] === 0x3c) {
    // A dictionary: nested << >>, strings inside.
    let depth = 0;
    let j = k;
    while (j < n) {
      if (b[j] === 0x3c && b[j + 1] === 0x3c) { depth++; j += 2; }
      else if (b[j] === 0x3e && b[j + 1] === 0x3e) { depth--; j += 2; if (depth === 0) return j; }
      else if (b[j] === 0x28) j = tokenEnd(b, j);
      else j++;
    }
    return n;
  }
  if (c === 0x3c) {
    const close = b.indexOf(0x3e, k);
    return close < 0 ? n : close + 1;
  }
  if (c === 0x5b) {
    let j = k + 1;
    while (j < n && b[j] !== 0x5d) {
      if (isWhitespace(b[j])) j++;
      else j = tokenEnd(b, j);
    }
    return j + 1;
  }
  let j = k + 1;
  if (c === 0x2f) {
    while (j < n && CHAR_CLASS[b[j]] === 0) j++;
    return j;
  }
  if (CHAR_CLASS[c] !== 0) return k + 1;
  while (j < n && CHAR_CLASS[b[j]] === 0) j++;
  return j;
}

/** True for a token that is an operand: a number, string, array, dictionary, name, true, false or null. */
function isOperandToken(b: Uint8Array, from: number, to: number): boolean {
  const c = b[from];
  if (c === 0x28 || c === 0x3c || c === 0x5b || c === 0x2f || c === 0x2b || c === 0x2d || c === 0x2e || (c >= 0x30 && c <= 0x39)) return true;
  const word = to - from === 4 || to - from === 5 ? latin1(b, from, to) : '';
  return word === 'true' || word === 'false' || word === 'null';
}

const EI = Buffer.from('EI');
const ID = Buffer.from('ID');

/** Splits a decoded content stream into operations. Comments are skipped. */
export function parseContentStream(bytes: Uint8Array): Operation[] {
  const b = bytes;
  const view = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const n = b.length;
  const stream: StreamTokens = { bytes: b, bounds: new Int32Array(Math.max(64, n >> 2)) };
  let tokens = 0;
  const ops: Operation[] = [];
  let firstOperand = 0;
  let start = -1;
  let i = 0;
  while (i < n) {
    const c = b[i];
    if (isWhitespace(c)) { i++; continue; }
    if (c === 0x25) { while (i < n && b[i] !== 0x0a && b[i] !== 0x0d) i++; continue; }
    const end = tokenEnd(b, i);
    if (isOperandToken(b, i, end)) {
      if (start < 0) start = i;
      if (2 * tokens + 2 > stream.bounds.length) {
        const grown = new Int32Array(stream.bounds.length * 2);
        grown.set(stream.bounds);
        stream.bounds = grown;
      }
      stream.bounds[2 * tokens] = i;
      stream.bounds[2 * tokens + 1] = end;
      tokens++;
      i = end;
      continue;
    }
    if (start < 0) start = i;
    const operator = operatorName(b, i, end);
    if (operator === 'BI') {
      // Inline image: keep everything up to and including EI as one operation.
      const id = view.indexOf(ID, end);
      let k = id + 3;
      while (k < n) {
        k = view.indexOf(EI, k);
        if (k < 0) { k = n; break; }
        if (isWhitespace(b[k - 1]) && (k + 2 >= n || isWhitespace(b[k + 2]))) break;
        k += 2;
      }
      const j = Math.min(n, k + 2);
      ops.push(new Operation(stream, operator, start, j, firstOperand, tokens - firstOperand));
      i = j;
    } else {
      ops.push(new Operation(stream, operator, start, end, firstOperand, tokens - firstOperand));
      i = end;
    }
    firstOperand = tokens;
    start = -1;
  }
  return ops;
}

/**
 * Rewrites a stream by inserting text at operation boundaries, in stream order;
 * the bytes between stay as they were. Inserted text gets a line break on either side.
 */
export class ContentEditor {
  private readonly parts: Uint8Array[] = [];
  private copied = 0;

  constructor(private readonly bytes: Uint8Array) {}

  /** Length of the original stream (where an insertion at its end goes). */
  get length(): number {
    return this.bytes.length;
  }

  get changed(): boolean {
    return this.parts.length > 0;
  }

  /** Inserts text at a byte offset (the start or end of an operation), after anything inserted there before. */
  insert(offset: number, text: string): void {
    this.copyUpTo(offset);
    this.parts.push(Buffer.from(`\n${text}\n`, 'latin1'));
  }

  /** Replaces the bytes [from, to) (one whole operation) with text. */
  replace(from: number, to: number, text: string): void {
    this.insert(from, text);
    this.copied = to;
  }

  /** The rewritten stream. */
  finish(): Uint8Array {
    this.copyUpTo(this.bytes.length);
    return Buffer.concat(this.parts);
  }

  private copyUpTo(offset: number): void {
    if (offset < this.copied) throw new Error(`content stream edits out of order (${offset} < ${this.copied})`);
    if (offset > this.copied) this.parts.push(this.bytes.subarray(this.copied, offset));
    this.copied = offset;
  }
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

/** multiply([1, 0, 0, 1, tx, ty], m) with the same arithmetic, in one array (Td, and the advance after a glyph). */
export function translate(tx: number, ty: number, m: Matrix): Matrix {
  return [m[0] + 0 * m[2], m[1] + 0 * m[3], 0 * m[0] + m[2], 0 * m[1] + m[3], tx * m[0] + ty * m[2] + m[4], tx * m[1] + ty * m[3] + m[5]];
}

export function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}
