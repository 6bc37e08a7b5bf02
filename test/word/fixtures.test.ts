/**
 * Every Word fixture imported, compared with its golden outputs (spec, sidecar, JSON; UPDATE_GOLDEN=1
 * rewrites them), and checked against the project's own readers: the spec parses without front-matter
 * problems, the sidecar is well formed and every note anchors `ok` in the spec it was imported with.
 */
import * as path from 'node:path';
import { importJson } from '../../server/src/cli/commands/import.js';
import type { ImportResult } from '../../server/src/word/index.js';
import { expectGolden } from '../helpers/golden.js';
import { checkImport, importBytes, ooxmlFixture, WORD_FIXTURES, withSoffice } from './helpers.js';
import * as fs from 'node:fs';

const LO = ['structure', 'changes', 'comments'];
const OOXML = ['threads', 'strict', 'moves', 'exported'];

function goldens(name: string, result: ImportResult): void {
  const base = `test/fixtures/word/expected/${name}`;
  expectGolden(`${base}.spec.md`, result.specText);
  expectGolden(`${base}.review.yaml`, result.reviewText ?? '(no sidecar)\n');
  const run = { source: `${name}.docx`, spec: result.report.specFile, review: result.report.reviewFile, config: null, report: result.report, warnings: [] };
  expectGolden(`${base}.json`, importJson(run));
}

describe('word import: LibreOffice fixtures (soffice conversions of test/fixtures/word/lo/*.fodt)', () => {
  const dir = withSoffice(() => LO.map((n) => path.join(WORD_FIXTURES, 'lo', `${n}.fodt`)));
  for (const name of LO) {
    it(`imports ${name}.docx as its golden spec, sidecar and JSON`, () => {
      const result = importBytes(new Uint8Array(fs.readFileSync(path.join(dir(), `${name}.docx`))), { sourceName: `${name}.docx` });
      checkImport(name, result);
      goldens(name, result);
    });
  }
});

describe('word import: hand-written OOXML fixtures (test/fixtures/word/ooxml)', () => {
  for (const name of OOXML) {
    it(`imports ${name} as its golden spec, sidecar and JSON`, () => {
      const result = importBytes(ooxmlFixture(name), { sourceName: `${name}.docx` });
      checkImport(name, result);
      goldens(name, result);
    });
  }
});
