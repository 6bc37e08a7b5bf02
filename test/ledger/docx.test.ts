/** `service-spec ledger --format docx`: the same tables as a Word document, escaped, readable by LibreOffice. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ledgerDocx } from '../../server/src/cli/ledgerFormat.js';
import { lines } from '../docx/helpers.js';
import { readDocx } from '../docx/ooxml.js';
import { ROOT } from '../helpers/golden.js';
import { ledgerOf, runLedgerCli, sidecarText, specText } from './helpers.js';

const SAMPLES = ['samples/2019-12-draft', 'samples/2020-02-revised', 'samples/2020-03-final'];

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-docx-'));
}

describe('ledger as a Word document', () => {
  it('writes ledger.docx in the current folder by default: a table per spec, a row per requirement, a column per version', () => {
    const dir = tmpdir();
    const r = runLedgerCli([...SAMPLES.map((s) => path.join(ROOT, s)), '--format', 'docx'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'wrote ledger.docx\n');
    const body = lines(new Uint8Array(fs.readFileSync(path.join(dir, 'ledger.docx'))));
    assert.equal(body[0], 'Consultation ledger');
    assert.ok(body.includes('|requirement\t2019-12-draft\t2020-02-revised\t2020-03-final\tnotes'), body.slice(0, 12).join('\n'));
    const ehch7 = body.find((l) => l.startsWith('|EHCH-7\n'))!;
    assert.match(
      ehch7,
      /^\|EHCH-7\nShared records and remote access for each home\tEHCH-7\ndeadline 2020-09-30; funding none; rating amber; £0\/practice\tEHCH-7 modified: deadline \+182 days, deliverability\n.*\tremoved\n\tbbo-5 question .*: removed\nlw-ehch-4 question .*: removed$/s,
    );
    assert.ok(body.includes('Summary'));
    assert.ok(body.some((l) => l.startsWith('|2020-03-final\t0\t2\t14\t0\t')));
    // Dated by the last version's publication, so the same inputs give the same document.
    assert.match(
      readDocx(new Uint8Array(fs.readFileSync(path.join(dir, 'ledger.docx')))).text('docProps/core.xml')!,
      /<dcterms:created[^>]*>2020-03-31T12:00:00Z</,
    );
    const again = runLedgerCli([...SAMPLES.map((s) => path.join(ROOT, s)), '--format', 'docx'], dir);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /ledger\.docx exists; nothing was written/);
  });

  it('keeps markup in specs and notes as text (well-formed XML, every character there)', () => {
    const x = '<w:p>&amp;</w:t>"\'<script>alert(1)</script>]]>';
    const spec = (v: string) =>
      specText('rounds', v, [{ id: 'R-1', title: `Round ${x}`, prose: 'The network runs a round.', funding: `arrs, ${x.replace(/,/g, '')}` }]);
    const notes = sidecarText('rounds.spec.md', x, [{ id: x, requirement: 'R-1' }]);
    const bytes = ledgerDocx(ledgerOf({ specs: [{ text: spec(x) }], sidecars: [{ text: notes }] }, { specs: [{ text: spec('v2') }] }));
    const text = lines(bytes).join('\n');
    assert.ok(text.includes(`${x} question`) || text.includes(`${x} object`), text);
    assert.ok(text.includes(x.replace(/,/g, '')));
    assert.ok(!readDocx(bytes).text('word/document.xml')!.includes('<script>'));
  });

  it('opens in LibreOffice Writer and converts to PDF', function () {
    if (process.env.SERVICE_SPEC_SKIP_SOFFICE === '1') this.skip();
    this.timeout(180_000);
    const dir = tmpdir();
    const file = path.join(dir, 'ledger.docx');
    assert.equal(runLedgerCli([...SAMPLES, '--format', 'docx', '-o', file]).code, 0);
    const profile = tmpdir();
    const r = spawnSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], {
      encoding: 'utf8',
      timeout: 170_000,
    });
    fs.rmSync(profile, { recursive: true, force: true });
    assert.equal(r.error, undefined, `soffice could not run (${r.error?.message}); SERVICE_SPEC_SKIP_SOFFICE=1 skips this test`);
    assert.equal(r.status, 0, r.stderr);
    const pdf = fs.readFileSync(path.join(dir, 'ledger.pdf'));
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    assert.ok(pdf.length > 10_000);
  });
});
