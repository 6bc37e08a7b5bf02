/**
 * Hostile and broken files are refused with one reason, before they cost more than a bounded amount of
 * memory: not a zip, Word 97–2003 and encrypted (OLE) files, damaged zips, packages that are not Word
 * documents, zip bombs (whatever their headers declare), DTDs (entity bombs, external entities).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { Deflate, inflateSync, strToU8, unzipSync, Zip, ZipPassThrough, zipSync } from 'fflate';
import { parseSpec } from '../../server/src/core/parse.js';
import { parseReview } from '../../server/src/core/review/sidecar.js';
import { ROOT } from '../helpers/golden.js';
import { IMPORT_LIMITS, WordImportError, type RefusalKind } from '../../server/src/word/index.js';
import { bodyDocx, docx, importBytes, ooxmlParts } from './helpers.js';

function refused(bytes: Uint8Array, kind: RefusalKind, pattern?: RegExp, limits?: Partial<typeof IMPORT_LIMITS>): WordImportError {
  let error: unknown;
  try {
    importBytes(bytes, limits ? { limits: { ...IMPORT_LIMITS, ...limits } } : {});
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof WordImportError, `expected a refusal (${kind}), got ${error === undefined ? 'an import' : String(error)}`);
  assert.equal(error.kind, kind, error.message);
  assert.doesNotMatch(error.message, /\n/, 'one line');
  if (pattern) assert.match(error.message, pattern);
  return error;
}

const PREFIX = '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>';
const MB = 1024 * 1024;

/**
 * A raw deflate stream of PREFIX and then `megabytes` MB of spaces, built from one compressed megabyte
 * repeated (each copy ends on a byte boundary after a sync flush and refers only to spaces), so a stream
 * that inflates to hundreds of megabytes costs the test a few kilobytes.
 */
function spacesStream(megabytes: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let collect: Uint8Array[] = [];
  const d = new Deflate({ level: 9 }, (chunk) => collect.push(chunk));
  const take = () => {
    const n = collect.reduce((a, c) => a + c.length, 0);
    const all = new Uint8Array(n);
    let at = 0;
    for (const c of collect) {
      all.set(c, at);
      at += c.length;
    }
    collect = [];
    return all;
  };
  d.push(strToU8(PREFIX));
  d.flush(true);
  out.push(take());
  d.push(new Uint8Array(MB).fill(32));
  d.flush(true);
  const block = take();
  for (let i = 0; i < megabytes; i++) out.push(block);
  d.push(new Uint8Array(0), true);
  out.push(take());
  return out;
}

/** A zip whose document.xml is `stream`, stored as deflate data, its headers declaring its compressed size as its size. */
function lyingZip(stream: Uint8Array[], extra: Record<string, Uint8Array> = {}): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((err, data) => {
    if (err) throw err;
    chunks.push(data);
  });
  for (const [name, data] of Object.entries(extra)) {
    const f = new ZipPassThrough(name);
    zip.add(f);
    f.push(data, true);
  }
  const parts = ooxmlParts('threads');
  for (const [name, data] of Object.entries(parts)) {
    if (name === 'word/document.xml') continue;
    const f = new ZipPassThrough(name);
    zip.add(f);
    f.push(typeof data === 'string' ? strToU8(data) : data, true);
  }
  const doc = new ZipPassThrough('word/document.xml');
  doc.compression = 8;
  zip.add(doc);
  stream.forEach((c, i) => {
    doc.push(c, i === stream.length - 1);
  });
  zip.end();
  const n = chunks.reduce((a, c) => a + c.length, 0);
  const all = new Uint8Array(n);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return all;
}

function ole(withEncryptedPackage: boolean): Uint8Array {
  const bytes = new Uint8Array(4096);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const name = withEncryptedPackage ? 'EncryptedPackage' : 'WordDocument';
  for (let i = 0; i < name.length; i++) bytes[1024 + 2 * i] = name.charCodeAt(i);
  return bytes;
}

const withDoc = (xml: string, part = 'word/document.xml') => docx({ ...ooxmlParts('threads'), [part]: xml });
const LAUGHS =
  '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
  '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">' +
  '<!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>';

describe('word import: refusals', () => {
  it('refuses what is not a zip', () => {
    refused(strToU8('# Enhanced Health in Care Homes\n'), 'not-zip', /not a zip/);
    refused(new Uint8Array(0), 'not-zip', /empty/);
    refused(strToU8('%PDF-1.7\n'), 'not-zip');
  });

  it('refuses Word 97–2003 files and encrypted documents (OLE compound files)', () => {
    refused(ole(false), 'ole', /Word 97–2003/);
    refused(ole(true), 'encrypted', /encrypted/);
  });

  it('refuses zips that are not Word documents', () => {
    refused(docx({ mimetype: 'application/vnd.oasis.opendocument.text', 'content.xml': '<office:document-content/>' }), 'not-word', /no word\/document.xml/);
    refused(withDoc('<?xml version="1.0"?><html><body>not Word</body></html>'), 'not-word', /not a WordprocessingML document/);
  });

  it('refuses damaged zips and malformed XML', () => {
    const good = bodyDocx('<w:p><w:r><w:t>The network must act.</w:t></w:r></w:p>');
    refused(good.subarray(0, Math.floor(good.length / 2)), 'corrupt', /damaged or truncated/);
    const bad = withDoc(`${PREFIX}The network must act.</w:t></w:r></w:p></w:body>`);
    refused(bad, 'corrupt', /not well-formed XML/);
    refused(withDoc(`${PREFIX}&nbsp;</w:t></w:r></w:p></w:body></w:document>`), 'corrupt', /undefined entity/);
  });

  it('refuses a part compressed with a method it does not know', () => {
    const bytes = docx({ ...ooxmlParts('threads'), 'word/document.xml': `${PREFIX}x</w:t></w:r></w:p></w:body></w:document>` }, { level: 6 });
    const copy = new Uint8Array(bytes);
    const name = strToU8('word/document.xml');
    for (let i = 0; i + 30 < copy.length; i++) {
      if (copy[i] === 0x50 && copy[i + 1] === 0x4b && copy[i + 2] === 3 && copy[i + 3] === 4 && name.every((b, k) => copy[i + 30 + k] === b)) copy[i + 8] = 12;
    }
    refused(copy, 'corrupt', /unsupported compression method 12/);
  });

  it('refuses an XML entity bomb, and any DTD, in every part it reads', () => {
    refused(
      withDoc(
        `${LAUGHS}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>`,
      ),
      'dtd',
      /DTD/,
    );
    refused(withDoc(`${LAUGHS}<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>`, 'word/styles.xml'), 'dtd', /styles.xml/);
    refused(withDoc(`${LAUGHS}<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>`, 'word/comments.xml'), 'dtd');
    refused(
      withDoc(
        '<?xml version="1.0"?><!DOCTYPE Relationships><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>',
        '_rels/.rels',
      ),
      'dtd',
    );
    const xxe = '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY secret SYSTEM "file:///etc/passwd">]>';
    refused(
      withDoc(
        `${xxe}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&secret;</w:t></w:r></w:p></w:body></w:document>`,
      ),
      'dtd',
    );
  });

  it('checks how the repeated-megabyte stream is built: it inflates to the prefix and the spaces', () => {
    const stream = spacesStream(3);
    const joined = new Uint8Array(stream.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of stream) {
      joined.set(c, at);
      at += c.length;
    }
    const out = inflateSync(joined);
    assert.equal(out.length, PREFIX.length + 3 * MB);
    assert.equal(out[out.length - 1], 32);
  });

  it('refuses a zip bomb with honest headers: more than 100 times the file size', () => {
    const bytes = withDoc(`${PREFIX}${' '.repeat(20 * MB)}</w:t></w:r></w:p></w:body></w:document>`);
    assert.ok(bytes.length < 200_000, `the bomb is ${bytes.length} bytes`);
    refused(bytes, 'too-large', /zip bomb.*100 times the file's size/);
  });

  it('refuses a zip bomb whose headers declare it small, counting the bytes as they inflate', () => {
    const bytes = lyingZip(spacesStream(50));
    assert.ok(bytes.length < 200_000, `the bomb is ${bytes.length} bytes`);
    refused(bytes, 'too-large', /zip bomb/);
  });

  it('stops at 200 MB whatever the file size: a 2.5 MB file inflating to 300 MB', () => {
    const noise = new Uint8Array(2.5 * MB);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
    const bytes = lyingZip(spacesStream(300), { 'word/media/image1.png': noise });
    assert.ok(bytes.length > 2 * MB && bytes.length < 3 * MB);
    refused(bytes, 'too-large', /more than 200 MB/);
  });

  it('never inflates media: 30 MB of zeros in a media part do not stop the import', () => {
    const bytes = docx({ ...ooxmlParts('threads'), 'word/media/huge.bin': new Uint8Array(30 * MB) });
    assert.ok(bytes.length < 200_000, `the file is ${bytes.length} bytes`);
    assert.equal(importBytes(bytes).report.requirements.length, 3);
  });

  it('refuses a block with too many elements, and a body with too many blocks', () => {
    const runs = '<w:r><w:t>x</w:t></w:r>'.repeat(600);
    refused(bodyDocx(`<w:p>${runs}</w:p>`), 'too-large', /more than 1,000 elements/, { maxElementsPerBlock: 1000 });
    refused(bodyDocx('<w:p><w:r><w:t>x</w:t></w:r></w:p>'.repeat(11)), 'too-large', /more than 10 paragraphs/, { maxBlocks: 10 });
  });
  it('property: a damaged document imports or is refused with a reason, never anything else', () => {
    const sample = new Uint8Array(fs.readFileSync(path.join(ROOT, 'samples/word/ehch-draft.docx')));
    const parts = unzipSync(sample);
    const xml = new TextDecoder().decode(parts['word/document.xml']);
    const outcome = (bytes: Uint8Array) => {
      try {
        const r = importBytes(bytes);
        parseSpec(r.specText);
        if (r.reviewText) assert.equal(parseReview(r.reviewText).malformed, false);
      } catch (e) {
        if (!(e instanceof WordImportError)) throw e;
      }
    };
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(sample.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), (edits) => {
        const bytes = new Uint8Array(sample);
        for (const [at, value] of edits) bytes[at] = value;
        outcome(bytes);
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(xml.length - 1), fc.integer({ min: 1, max: 60 })), { minLength: 1, maxLength: 3 }), (cuts) => {
        let text = xml;
        for (const [at, length] of cuts) text = text.slice(0, at % text.length) + text.slice((at % text.length) + length);
        outcome(zipSync({ ...parts, 'word/document.xml': strToU8(text) }));
      }),
      { numRuns: 100 },
    );
  });
});
