/**
 * A client's logo, checked from its bytes: a PNG, JPEG or SVG image (not a renamed
 * text file or HTML page), at most MAX_LOGO_BYTES and MAX_LOGO_SIDE pixels a side
 * (PNG: IHDR; JPEG: the SOF segment; SVG: width/height, else the viewBox).
 */
import { ReportError } from '../util/errors.js';
import { messages } from '../util/messages.js';

export const MAX_LOGO_BYTES = 2 * 1024 * 1024;
export const MAX_LOGO_SIDE = 4000;

export type LogoMime = 'image/png' | 'image/jpeg' | 'image/svg+xml';

export interface LogoInfo {
  mime: LogoMime;
  /** Intrinsic size in CSS pixels, when the file states one. */
  width?: number;
  height?: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';

/** The expected type from the file name, for the message when the bytes are something else. */
const nameByExtension: Record<string, string> = { '.svg': 'an SVG image', '.png': 'a PNG image', '.jpg': 'a JPEG image', '.jpeg': 'a JPEG image' };

/** Checks the logo's bytes; throws a ReportError naming the config, the field and the limit. */
export function checkLogo(bytes: Buffer, configFile: string, path: string, extension: string): LogoInfo {
  if (bytes.length > MAX_LOGO_BYTES) throw new ReportError(messages.logoTooLarge(configFile, path, bytes.length, MAX_LOGO_BYTES), 'config');
  const invalid = (problem: string) => new ReportError(messages.logoInvalid(configFile, path, problem), 'config');
  let info: LogoInfo;
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) info = pngInfo(bytes, invalid);
  else if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) info = jpegInfo(bytes, invalid);
  else if (looksLikeXmlText(bytes)) info = svgInfo(bytes.toString('utf8'), invalid);
  else throw new ReportError(messages.logoNotImage(configFile, path, nameByExtension[extension] ?? 'an SVG, PNG or JPEG image'), 'config');
  const { width, height } = info;
  if (width !== undefined && height !== undefined && (width > MAX_LOGO_SIDE || height > MAX_LOGO_SIDE)) {
    throw new ReportError(messages.logoTooManyPixels(configFile, path, Math.round(width), Math.round(height), MAX_LOGO_SIDE), 'config');
  }
  return info;
}

function pngInfo(bytes: Buffer, invalid: (problem: string) => ReportError): LogoInfo {
  if (bytes.length < 33 || bytes.toString('latin1', 12, 16) !== 'IHDR') throw invalid('the PNG has no IHDR header (the file is cut off or damaged)');
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  if (width === 0 || height === 0) throw invalid(`the PNG says it is ${width}×${height} pixels`);
  if (bytes.lastIndexOf('IEND', bytes.length, 'latin1') < 0) throw invalid('the PNG has no IEND chunk (the file is cut off)');
  return { mime: 'image/png', width, height };
}

// Start-of-frame markers carry the image size; C4 (DHT), C8 (JPG) and CC (DAC) do not.
const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function jpegInfo(bytes: Buffer, invalid: (problem: string) => ReportError): LogoInfo {
  let i = 2;
  while (i + 3 < bytes.length) {
    if (bytes[i] !== 0xff) throw invalid(`the JPEG segments are damaged at byte ${i}`);
    const marker = bytes[i + 1];
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2; // markers without a length
      continue;
    }
    if (marker === 0xda || marker === 0xd9) break; // image data or end before any size
    const length = bytes.readUInt16BE(i + 2);
    if (length < 2) throw invalid(`the JPEG segments are damaged at byte ${i}`);
    if (SOF_MARKERS.has(marker)) {
      if (i + 9 > bytes.length) break;
      const height = bytes.readUInt16BE(i + 5);
      const width = bytes.readUInt16BE(i + 7);
      if (width === 0 || height === 0) throw invalid(`the JPEG says it is ${width}×${height} pixels`);
      return { mime: 'image/jpeg', width, height };
    }
    i += 2 + length;
  }
  throw invalid('the JPEG has no frame header with its size (the file is cut off or damaged)');
}

/** Text that may be XML: no NUL bytes, and after a BOM and white space it starts with "<". */
function looksLikeXmlText(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 4096);
  if (head.includes(0)) return false;
  return /^(\uFEFF)?\s*</.test(head.toString('utf8'));
}

/** Characters that entity references may add to an SVG logo when expanded. */
export const MAX_SVG_ENTITY_EXPANSION = 1024 * 1024;

/**
 * Old Illustrator exports declare a few plain text entities (namespace URLs) in the DOCTYPE: those
 * are allowed. Refused: parameter and external entities, entities that refer to other entities
 * (the "billion laughs" nesting), and plain entities whose references would add more than
 * MAX_SVG_ENTITY_EXPANSION characters.
 */
function checkEntities(text: string, invalid: (problem: string) => ReportError): void {
  let expansion = 0;
  for (const m of text.matchAll(/<!ENTITY\s+(%\s+)?(\S+)\s+([\s\S]*?)>/gi)) {
    const [, parameter, name, definition] = m;
    if (parameter) throw invalid('it declares a parameter entity (<!ENTITY %), which is not allowed in a logo');
    if (/^(SYSTEM|PUBLIC)\b/i.test(definition.trim())) throw invalid(`it declares an external entity (<!ENTITY ${name.slice(0, 40)} SYSTEM/PUBLIC), which is not allowed in a logo`);
    if (definition.includes('&') || definition.includes('%')) throw invalid(`its entity ${name.slice(0, 40)} (<!ENTITY) refers to other entities, which can expand without bound`);
    const uses = text.split(`&${name};`).length - 1;
    expansion += uses * definition.length;
  }
  if (expansion > MAX_SVG_ENTITY_EXPANSION) throw invalid(`its entities (<!ENTITY) would expand to more than ${MAX_SVG_ENTITY_EXPANSION / 1024 / 1024} MB of text`);
}

// SVG lengths in CSS pixels; % and font-relative units give no intrinsic size.
const pxPerUnit: Record<string, number> = { '': 1, px: 1, pt: 4 / 3, pc: 16, mm: 96 / 25.4, cm: 96 / 2.54, in: 96 };

function svgLength(value: string | undefined): number | undefined {
  const m = value === undefined ? null : /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*(px|pt|pc|mm|cm|in)?\s*$/i.exec(value);
  if (!m) return undefined;
  return Number(m[1]) * pxPerUnit[(m[2] ?? '').toLowerCase()];
}

/**
 * Enough of XML to know the document is an SVG image: an optional XML declaration,
 * comments, processing instructions and a DOCTYPE without entity declarations, then
 * the root element <svg> in the SVG namespace (an HTML page or another XML is refused).
 */
function svgInfo(text: string, invalid: (problem: string) => ReportError): LogoInfo {
  checkEntities(text, invalid);
  let rest = text.replace(/^\uFEFF/, '');
  for (;;) {
    rest = rest.replace(/^\s+/, '');
    const prolog = /^(<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE\s+svg[^>[]*(\[[\s\S]*?\]\s*)?>)/i.exec(rest);
    if (!prolog) break;
    rest = rest.slice(prolog[0].length);
  }
  if (/^<!DOCTYPE\s+html/i.test(rest) || /^<html[\s>]/i.test(rest)) throw invalid('it is an HTML page, not an SVG image');
  const root = /^<([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/.exec(rest);
  if (!root) throw invalid('it does not start with an XML element');
  if (root[1] !== 'svg') throw invalid(`its root element is <${root[1].slice(0, 40)}>, not <svg>`);
  const attributes = new Map<string, string>();
  for (const a of root[2].matchAll(/([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attributes.set(a[1], a[2] ?? a[3]);
  if (attributes.get('xmlns') !== SVG_NAMESPACE) throw invalid(`the <svg> element lacks xmlns="${SVG_NAMESPACE}" (without it a browser does not show it as an image)`);
  if (root[3] !== '/' && !/<\/svg\s*>/.test(rest)) throw invalid('the <svg> element is never closed (the file is cut off)');

  const width = svgLength(attributes.get('width'));
  const height = svgLength(attributes.get('height'));
  const viewBox = attributes.get('viewBox');
  let box: number[] | undefined;
  if (viewBox !== undefined) {
    box = viewBox.trim().split(/[\s,]+/).map(Number);
    if (box.length !== 4 || box.some((n) => !Number.isFinite(n)) || box[2] <= 0 || box[3] <= 0) {
      throw invalid(`its viewBox "${viewBox.slice(0, 60)}" is not four numbers with a positive width and height`);
    }
  }
  if ((width !== undefined && !(width > 0)) || (height !== undefined && !(height > 0))) throw invalid('its width or height is not a positive length');
  if (width !== undefined && height !== undefined) return { mime: 'image/svg+xml', width, height };
  if (box) {
    // One side given: the other follows from the viewBox's aspect ratio.
    const w = width ?? (height !== undefined ? (height * box[2]) / box[3] : box[2]);
    const h = height ?? (width !== undefined ? (width * box[3]) / box[2] : box[3]);
    return { mime: 'image/svg+xml', width: w, height: h };
  }
  return { mime: 'image/svg+xml', width, height };
}
