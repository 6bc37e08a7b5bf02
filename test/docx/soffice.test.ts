/**
 * Every kind of document the tools write, opened in LibreOffice (headless): each converts to PDF and to
 * .odt; the .odt holds the review document's comments (office:annotation, with authors, dates, replies and
 * resolved flags) and the redline's tracked changes (text:tracked-changes); and LibreOffice's own reading of
 * the redline, with every change accepted or rejected, is NEW's and OLD's text.
 *
 * LibreOffice must be installed (Debian: libreoffice-writer-nogui); without it these tests fail, unless
 * SERVICE_SPEC_SKIP_SOFFICE=1 says to skip them.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { exportDocx } from '../../server/src/docx/export.js';
import { redlineDocx } from '../../server/src/docx/redline.js';
import { reviewDocx } from '../../server/src/docx/review.js';
import { FIXTURES, lines, samplesBasis, sidecar, spec } from './helpers.js';
import { odtLines, readOdt } from './odt.js';
import { soffice, sofficeAvailable } from './lo.js';

const basis = samplesBasis();

const MISSING =
  'LibreOffice (soffice) is not on PATH: the Word output tests open every generated document in it. ' +
  'Install it (Debian/Ubuntu: apt-get install libreoffice-writer-nogui) or set SERVICE_SPEC_SKIP_SOFFICE=1 to skip these tests.';

/** Lines without empty paragraphs and empty table rows (LibreOffice keeps those where Word would not). */
const solid = (ls: string[]) => ls.filter((l) => l.replace(/[|\t\n]/g, '') !== '');

describe('docx in LibreOffice', function () {
  this.timeout(600_000);
  let dir = '';
  const docs: Record<string, Uint8Array> = {};
  const pairs: Record<string, { old: string; new: string }> = {
    'redline-ehch': { old: 'samples/2019-12-draft/ehch.spec.md', new: 'samples/2020-03-final/ehch.spec.md' },
    'redline-smr': { old: 'samples/2019-12-draft/smr.spec.md', new: 'samples/2020-03-final/smr.spec.md' },
    'redline-versions': { old: path.join(FIXTURES, 'versions/old/t.spec.md'), new: path.join(FIXTURES, 'versions/new/t.spec.md') },
  };

  before(function () {
    if (!sofficeAvailable()) {
      if (process.env.SERVICE_SPEC_SKIP_SOFFICE === '1') this.skip();
      throw new Error(MISSING);
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'service-spec-soffice-'));
    docs['export-rich'] = exportDocx(spec(path.join(FIXTURES, 'rich.spec.md')), basis);
    docs['export-ehch'] = exportDocx(spec('samples/2020-03-final/ehch.spec.md'), samplesBasis('lmc'));
    docs.review = reviewDocx(spec(path.join(FIXTURES, 'review.spec.md')), basis, [{ review: sidecar(path.join(FIXTURES, 'review.review.yaml')) }]).bytes;
    docs['review-resolved'] = reviewDocx(spec(path.join(FIXTURES, 'review.spec.md')), basis, [
      { review: sidecar(path.join(FIXTURES, 'resolved.review.yaml')) },
    ]).bytes;
    for (const [name, p] of Object.entries(pairs)) docs[name] = redlineDocx(spec(p.old), spec(p.new), basis, basis);
    for (const [name, bytes] of Object.entries(docs)) fs.writeFileSync(path.join(dir, `${name}.docx`), bytes);
    const files = Object.keys(docs).map((n) => path.join(dir, `${n}.docx`));
    const profile = path.join(dir, 'profile');
    soffice(['--convert-to', 'pdf', '--outdir', path.join(dir, 'pdf'), ...files], profile);
    soffice(['--convert-to', 'odt', '--outdir', path.join(dir, 'odt'), ...files], profile);
  });

  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const content = (name: string) => strFromU8(unzipSync(new Uint8Array(fs.readFileSync(path.join(dir, 'odt', `${name}.odt`))))['content.xml']!);

  it('converts every document to PDF', () => {
    for (const name of Object.keys(docs)) {
      const pdf = fs.readFileSync(path.join(dir, 'pdf', `${name}.pdf`));
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-', name);
      assert.ok(pdf.length > 5000, `${name}.pdf has ${pdf.length} bytes`);
    }
  });

  it('converts every document to .odt with its text', () => {
    for (const name of Object.keys(docs)) {
      const odt = readOdt(content(name));
      const text = odtLines(odt, 'accept').join('\n');
      assert.ok(text.length > 200, name);
      if (name.startsWith('export'))
        assert.deepEqual(solid(odtLines(odt, 'accept')), solid(lines(docs[name]!)), `${name}: LibreOffice reads the text as written`);
    }
  });

  it('keeps the review comments as annotations, with author, initials, date, replies and resolved flags', () => {
    const odt = readOdt(content('review'));
    const byText = new Map(odt.annotations.map((a) => [a.text.split('\n')[0]!, a]));
    assert.equal(odt.annotations.length, 7);
    const n1 = byText.get('Object: No practice has spare GP sessions.')!;
    assert.deepEqual([n1.creator, n1.initials, n1.date, n1.resolved], ['Ann Other', 'AO', '2020-01-20T12:00:00', 'false']);
    assert.equal(n1.text, 'Object: No practice has spare GP sessions.\nRemove the frequency unless it is funded.');
    assert.equal(byText.get('Concern: Where does this figure come from?')!.resolved, 'true');
    assert.equal(byText.get('Support (withdrawn): A named lead is sensible.')!.resolved, 'true');
    assert.equal(byText.get('Question: Stale note.')!.resolved, 'false');
    assert.equal(byText.get('Noted; we will look again.')!.creator, 'Commissioner');
    const resolved = readOdt(content('review-resolved'));
    assert.deepEqual(
      resolved.annotations.map((a) => a.resolved),
      ['true'],
      'done without any reply',
    );
  });

  it("reads the redline's tracked changes, by author and date", () => {
    for (const name of Object.keys(pairs)) {
      const odt = readOdt(content(name));
      const regions = [...odt.regions.values()];
      assert.ok(regions.some((r) => r.kind === 'insertion') && regions.some((r) => r.kind === 'deletion'), name);
      for (const r of regions) assert.deepEqual([r.creator, r.date], ['service-spec', '2020-03-31T12:00:00'], name);
    }
  });

  it("LibreOffice's redline, every change accepted, is NEW's text; every change rejected, OLD's", () => {
    for (const [name, p] of Object.entries(pairs)) {
      const odt = readOdt(content(name));
      assert.deepEqual(solid(odtLines(odt, 'accept')), solid(lines(exportDocx(spec(p.new), basis))), `${name} accepted`);
      assert.deepEqual(solid(odtLines(odt, 'reject')), solid(lines(exportDocx(spec(p.old), basis))), `${name} rejected`);
    }
  });
});
