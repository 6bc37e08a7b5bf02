/**
 * Reading the zip package of a .docx with fflate's streaming `Unzip`: the compressed bytes are pushed in
 * small chunks and every inflated byte is counted as it comes, so a zip bomb is stopped once its output
 * passes the limit, whatever sizes its headers declare. Only XML parts (`*.xml`, `*.rels`) are inflated;
 * images and other media are never expanded. No file system: bytes in, parts out.
 */
import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import { IMPORT_LIMITS, WordImportError, type ImportLimits } from './errors.js';

/** An inflated part, as the chunks the inflater produced (never joined into one large copy). */
export type Part = Uint8Array[];

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** Compressed bytes pushed at a time: one push inflates to at most ~1,032 times this. */
const CHUNK = 16 * 1024;

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

/** UTF-16LE "EncryptedPackage": the stream an encrypted OOXML file keeps inside its OLE container. */
function hasEncryptedPackage(bytes: Uint8Array): boolean {
  const name = 'EncryptedPackage';
  const first = name.charCodeAt(0);
  outer: for (let i = 0; i + name.length * 2 <= bytes.length; i++) {
    if (bytes[i] !== first || bytes[i + 1] !== 0) continue;
    for (let k = 1; k < name.length; k++) if (bytes[i + 2 * k] !== name.charCodeAt(k) || bytes[i + 2 * k + 1] !== 0) continue outer;
    return true;
  }
  return false;
}

/** Refuses what is not a zip before any inflating: encrypted documents, Word 97–2003 files, other formats. */
export function sniff(bytes: Uint8Array): void {
  if (startsWith(bytes, OLE_MAGIC)) {
    if (hasEncryptedPackage(bytes)) {
      throw new WordImportError('encrypted', 'the document is encrypted (password-protected); save an unprotected copy from Word and import that');
    }
    throw new WordImportError('ole', 'this is a Word 97–2003 (.doc) or another OLE compound file, not a .docx; save it as .docx from Word first');
  }
  if (bytes.length === 0) throw new WordImportError('not-zip', 'the file is empty; expected a .docx (a zip package)');
  if (!startsWith(bytes, ZIP_MAGIC)) throw new WordImportError('not-zip', 'not a zip file; expected a .docx (Word 2007 or later)');
}

function isXmlPart(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.endsWith('.xml') || lower.endsWith('.rels');
}

function mb(n: number): string {
  return `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;
}

/**
 * The package's XML parts by name (without a leading `/`). Throws `WordImportError` for anything that is
 * not a readable zip, or when the inflated XML passes `ratio` × the file's size or `maxInflatedBytes`.
 */
export function readPackage(bytes: Uint8Array, limits: ImportLimits = IMPORT_LIMITS): Map<string, Part> {
  sniff(bytes);
  const limit = Math.min(limits.ratio * bytes.length, limits.maxInflatedBytes);
  const parts = new Map<string, Part>();
  let inflated = 0;
  let overLimit = false;
  let failure: Error | undefined;
  const unzip = new Unzip((file: UnzipFile) => {
    if (!isXmlPart(file.name) || overLimit || failure) return;
    if (file.compression !== 0 && file.compression !== 8) {
      failure = new Error(`part ${file.name} uses unsupported compression method ${file.compression}`);
      return;
    }
    const chunks: Part = [];
    parts.set(file.name.replace(/^\/+/, ''), chunks);
    file.ondata = (err, data) => {
      if (err) {
        failure ??= err;
        return;
      }
      if (overLimit || !data.length) return;
      inflated += data.length;
      if (inflated > limit) {
        overLimit = true;
        file.terminate();
        return;
      }
      chunks.push(data);
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < bytes.length && !overLimit && !failure; at += CHUNK) {
      const end = Math.min(at + CHUNK, bytes.length);
      unzip.push(bytes.subarray(at, end), end === bytes.length);
    }
  } catch (e) {
    failure ??= e as Error;
  }
  if (overLimit) {
    throw new WordImportError(
      'too-large',
      `refused as a possible zip bomb: its XML inflates to more than ${mb(limit)} (the limit is ${limits.ratio} times the file's size, at most ${mb(limits.maxInflatedBytes)})`,
    );
  }
  if (failure) throw new WordImportError('corrupt', `the zip package is damaged or truncated (${failure.message}); open it in Word and save it again`);
  return parts;
}
