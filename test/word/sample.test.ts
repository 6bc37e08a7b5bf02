/**
 * The Word sample (samples/word/ehch-draft.docx, LibreOffice's conversion of ehch-draft.fodt): it is what
 * its source converts to, it imports as its golden outputs, its check shows what the critics found, the
 * guide quotes what import prints, and `npm start` imports it without writing into the repository.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { importJson } from '../../server/src/cli/commands/import.js';
import { run } from '../helpers/cli.js';
import { expectGolden, expectReadmeBlock, ROOT } from '../helpers/golden.js';
import { checkImport, importBytes, withSoffice } from './helpers.js';

const SAMPLE = path.join(ROOT, 'samples/word/ehch-draft.docx');
const sample = () => importBytes(new Uint8Array(fs.readFileSync(SAMPLE)), { sourceName: 'ehch-draft.docx' });

function listing(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

describe("word import: the sample draft is LibreOffice's conversion of its source", () => {
  const converted = withSoffice(() => [path.join(ROOT, 'samples/word/ehch-draft.fodt')]);

  it('ehch-draft.docx is the conversion of ehch-draft.fodt: both import the same', () => {
    const fresh = importBytes(new Uint8Array(fs.readFileSync(path.join(converted(), 'ehch-draft.docx'))), { sourceName: 'ehch-draft.docx' });
    const committed = sample();
    assert.equal(committed.specText, fresh.specText, 'samples/word/ehch-draft.docx is out of date: convert ehch-draft.fodt again with soffice');
    assert.equal(committed.reviewText, fresh.reviewText);
  });
});

describe('word import: the sample draft (samples/word)', () => {
  it('imports as its golden spec, sidecar and JSON', () => {
    const result = sample();
    checkImport('ehch-draft', result);
    expectGolden('test/fixtures/word/expected/ehch-draft.spec.md', result.specText);
    expectGolden('test/fixtures/word/expected/ehch-draft.review.yaml', result.reviewText ?? '');
    const runResult = {
      source: 'ehch-draft.docx',
      spec: result.report.specFile,
      review: result.report.reviewFile,
      config: null,
      report: result.report,
      warnings: [],
    };
    expectGolden('test/fixtures/word/expected/ehch-draft.json', importJson(runResult));
  });

  it('checked, shows what the critics found: no funding, short lead times, no deliverability, the LMC objection', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'service-spec-sample-'));
    try {
      assert.equal(run(['import', SAMPLE, '--out', tmp, '--spec-id', 'ehch']).code, 0);
      const r = run(['check', tmp, '--format', 'json']);
      assert.equal(r.code, 1);
      const findings = JSON.parse(r.stdout).files.flatMap((f: { diagnostics: { code: string; message: string }[] }) => f.diagnostics);
      const count = (code: string, re: RegExp) => findings.filter((d: { code: string; message: string }) => d.code === code && re.test(d.message)).length;
      assert.equal(count('placeholder-value', /^Funding of EHCH-/), 8, 'only EHCH-6 names a funding source (ARRS)');
      assert.equal(count('placeholder-value', /^Deliverability of EHCH-/), 9);
      assert.equal(count('short-lead-time', /days after publication \(2020-01-14\)/), 6);
      assert.equal(count('open-objection', /EHCH-3 has 1 open objection from BBO LMCs secretariat/), 1);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('docs/import.md quotes what import prints for it', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'service-spec-sample-'));
    try {
      fs.mkdirSync(path.join(tmp, 'samples/word'), { recursive: true });
      fs.copyFileSync(SAMPLE, path.join(tmp, 'samples/word/ehch-draft.docx'));
      const args = ['import', 'samples/word/ehch-draft.docx', '--out', 'drafts', '--spec-id', 'ehch'];
      const r = run(args, tmp);
      assert.equal(r.code, 0, r.stderr);
      expectReadmeBlock('import-sample', `\`\`\`text\n$ npx service-spec ${args.join(' ')}\n${r.stdout}\`\`\`\n`, 'docs/import.md');
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('npm start imports it into a temporary folder, checks it, and writes nothing into the repository', function () {
    this.timeout(180_000);
    const before = { samples: listing(path.join(ROOT, 'samples')), root: fs.readdirSync(ROOT).sort() };
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/start.mjs')], {
      cwd: os.tmpdir(),
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stdout,
      /^\$ service-spec import samples\/word\/ehch-draft\.docx --out \$TMP --spec-id ehch\nImported samples\/word\/ehch-draft\.docx as ehch/m,
    );
    assert.match(r.stdout, /^\$TMP\/ehch\.spec\.md:\d+:\d+ +error +Funding of EHCH-1 is a placeholder \("TBC"\)/m);
    assert.doesNotMatch(r.stdout, new RegExp(os.tmpdir().replace(/[/\\.]/g, '\\$&')), 'the temporary folder is shown as $TMP');
    assert.deepEqual({ samples: listing(path.join(ROOT, 'samples')), root: fs.readdirSync(ROOT).sort() }, before);
  });
});
