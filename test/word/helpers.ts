/**
 * Word import test helpers: .docx packages built from the hand-written OOXML parts under
 * test/fixtures/word/ooxml (zipped with fflate), and LibreOffice conversions of the .fodt sources under
 * test/fixtures/word/lo (soffice runs once per test run; without soffice the conversion tests fail with a
 * clear message, unless SERVICE_SPEC_SKIP_SOFFICE=1 skips them).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as assert from 'node:assert/strict';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { defaultConfig } from '../../server/src/core/config.js';
import { parseSpec } from '../../server/src/core/parse.js';
import { anchorNote } from '../../server/src/core/review/anchor.js';
import { parseReview } from '../../server/src/core/review/sidecar.js';
import { importDocx, type ImportOptions, type ImportResult } from '../../server/src/word/index.js';
import { ROOT } from '../helpers/golden.js';

export const WORD_FIXTURES = path.join(ROOT, 'test/fixtures/word');

function filesUnder(dir: string, base = dir): [string, Uint8Array][] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e): [string, Uint8Array][] => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return filesUnder(full, base);
    if (e.name === '.standalone') return [];
    return [[path.relative(base, full).split(path.sep).join('/'), new Uint8Array(fs.readFileSync(full))]];
  });
}

/** A .docx from parts given as name → XML text (or bytes). */
export function docx(parts: Record<string, string | Uint8Array>, options: { level?: 0 | 6 } = {}): Uint8Array {
  const zippable: Zippable = {};
  for (const [name, content] of Object.entries(parts)) zippable[name] = typeof content === 'string' ? strToU8(content) : content;
  return zipSync(zippable, { level: options.level ?? 6, mtime: new Date('2020-01-01T00:00:00Z') });
}

/** The parts of an OOXML fixture: test/fixtures/word/ooxml/common overlaid with the fixture's own. */
export function ooxmlParts(name: string): Record<string, string | Uint8Array> {
  const dir = path.join(WORD_FIXTURES, 'ooxml', name);
  const standalone = fs.existsSync(path.join(dir, '.standalone'));
  const parts: Record<string, string | Uint8Array> = {};
  if (!standalone) for (const [k, v] of filesUnder(path.join(WORD_FIXTURES, 'ooxml/common'))) parts[k] = v;
  for (const [k, v] of filesUnder(dir)) parts[k] = v;
  return parts;
}

export function ooxmlFixture(name: string): Uint8Array {
  return docx(ooxmlParts(name));
}

/** Minimal parts around a document body (for small inline tests). */
export function bodyDocx(body: string, extra: Record<string, string> = {}): Uint8Array {
  const parts: Record<string, string | Uint8Array> = Object.fromEntries(filesUnder(path.join(WORD_FIXTURES, 'ooxml/common')));
  parts['word/document.xml'] =
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"><w:body>${body}</w:body></w:document>`;
  delete parts['word/comments.xml'];
  delete parts['word/commentsExtended.xml'];
  return docx({ ...parts, ...extra });
}

export function defaults(): ImportOptions['config'] {
  return defaultConfig().config;
}

export function importBytes(bytes: Uint8Array, options: Partial<ImportOptions> = {}): ImportResult {
  return importDocx(bytes, { config: defaults(), ...options });
}

export const SKIP_SOFFICE = process.env.SERVICE_SPEC_SKIP_SOFFICE === '1';

export function sofficeAvailable(): boolean {
  return spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;
}

/**
 * Converts .fodt files to .docx with LibreOffice into a fresh temporary folder (its own user profile, so
 * a running LibreOffice does not interfere) and returns that folder.
 */
export function convertWithSoffice(fodt: string[]): string {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'service-spec-soffice-'));
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'service-spec-soffice-profile-'));
  const r = spawnSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'docx', '--outdir', out, ...fodt], {
    encoding: 'utf8',
    timeout: 180_000,
  });
  fs.rmSync(profile, { recursive: true, force: true });
  if (r.error || r.status !== 0) throw new Error(`soffice failed (${r.error?.message ?? `exit ${r.status}`}): ${r.stderr}`);
  for (const f of fodt) {
    const docxFile = path.join(out, path.basename(f).replace(/\.fodt$/, '.docx'));
    if (!fs.existsSync(docxFile)) throw new Error(`soffice did not write ${docxFile}: ${r.stdout} ${r.stderr}`);
  }
  return out;
}

/**
 * For a describe() that needs LibreOffice: converts the files in before(), or fails with a clear message
 * when soffice is missing (skips instead when SERVICE_SPEC_SKIP_SOFFICE=1). Returns a getter for the folder.
 */
export function withSoffice(fodt: () => string[]): () => string {
  let dir = '';
  before(function () {
    this.timeout(240_000);
    if (!sofficeAvailable()) {
      if (SKIP_SOFFICE) this.skip();
      throw new Error(
        'LibreOffice (soffice) is not installed: apt-get install -y libreoffice-writer-nogui, or set SERVICE_SPEC_SKIP_SOFFICE=1 to skip these tests',
      );
    }
    dir = convertWithSoffice(fodt());
  });
  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => dir;
}

/** The imported spec parses cleanly with the project's parser, as reported; every note anchors `ok`. */
export function checkImport(name: string, result: ImportResult): void {
  const spec = parseSpec(result.specText);
  assert.deepEqual(
    spec.frontMatter.problems.map((p) => p.message),
    [],
    `${name}: front-matter problems`,
  );
  assert.deepEqual(
    spec.requirements.map((r) => r.id),
    result.report.requirements.map((r) => r.id),
    `${name}: the spec's requirements are those reported`,
  );
  for (const r of result.report.requirements) {
    const req = spec.requirements.find((x) => x.id === r.id)!;
    const line = result.specText.slice(0, req.headingRange.start).split('\n').length;
    assert.equal(r.line, line, `${name}: line of ${r.id}`);
    assert.equal(req.title, r.title, `${name}: title of ${r.id}`);
  }
  if (result.reviewText === null) {
    assert.equal(result.report.notes.length, 0);
    return;
  }
  const review = parseReview(result.reviewText);
  assert.equal(review.malformed, false, `${name}: sidecar problems ${JSON.stringify(review.problems)}`);
  assert.equal(review.spec, result.report.specFile);
  for (const note of review.notes) assert.equal(anchorNote(note, spec).state, 'ok', `${name}: note ${note.id} (${note.quote}) anchors in ${note.requirement}`);
}
