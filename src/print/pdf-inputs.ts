/**
 * The hash of a report's inputs, kept in the PDF's document info (/ContextkaartInputs):
 * a PDF says what it was made from. A batch that was killed between writing a PDF and
 * recording it in the manifest uses it to take that PDF over instead of printing it again.
 */
import { readFile } from 'node:fs/promises';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';

const INPUTS_KEY = PDFName.of('ContextkaartInputs');

function infoDict(doc: PDFDocument): PDFDict | undefined {
  const ref = doc.context.trailerInfo.Info;
  return ref ? doc.context.lookupMaybe(ref, PDFDict) : undefined;
}

/** Call after the document info is set (title etc.), before saving. */
export function setInputsHash(doc: PDFDocument, inputsHash: string): void {
  infoDict(doc)?.set(INPUTS_KEY, PDFString.of(inputsHash));
}

/** The inputs hash and page count of a complete contextkaart PDF; undefined for any other or unreadable file. */
export async function readInputsHash(path: string): Promise<{ inputsHash: string; pages: number } | undefined> {
  try {
    const doc = await PDFDocument.load(await readFile(path), { updateMetadata: false });
    const value = infoDict(doc)?.lookup(INPUTS_KEY);
    if (!(value instanceof PDFString || value instanceof PDFHexString)) return undefined;
    return { inputsHash: value.decodeText(), pages: doc.getPageCount() };
  } catch {
    return undefined;
  }
}
