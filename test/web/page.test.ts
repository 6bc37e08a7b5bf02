/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The reviewer page in Chromium (playwright-core, Debian's /usr/bin/chromium), served by the real
 * `service-spec web` from the built dist/web/: a LibreOffice Word draft opened and checked, the same
 * findings, costs and notes as the CLI, every download unzipped and read, notes added from the keyboard,
 * two versions compared and three put in a ledger, hostile markup shown as text with nothing run and
 * nothing fetched, and axe-core's WCAG 2.1 AA checks. Takes the guide's pictures (UPDATE_SCREENSHOTS=1
 * writes them to docs/images/).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { parseReview } from '../../server/src/core/review/sidecar.js';
import { ROOT } from '../helpers/golden.js';
import { convertWithSoffice, SKIP_SOFFICE, sofficeAvailable } from '../word/helpers.js';
import { CLI, download, expectClean, type Harness, launch, missing, openFiles, openPage, SKIP_BROWSER } from './browser.js';

const SAMPLES = path.join(ROOT, 'samples');
const sample = (...p: string[]) => path.join(SAMPLES, ...p);
const folderFiles = (folder: string) =>
  fs
    .readdirSync(sample(folder))
    .filter((n) => n.endsWith('.spec.md') || n.endsWith('.review.yaml'))
    .map((n) => sample(folder, n));

/** The parts of the CLI's JSON documents these tests read. */
interface CliJson {
  files: { file: string; diagnostics: { code: string; message: string }[] }[];
  reviews: { notes: { id: string; currentRequirement: string | null; stance: string; status: string }[] }[];
  specs: {
    file: string;
    total: { costPerPractice: number };
    requirements: { id: string; change: string; hoursPerPcn: number; costPerPcn: number; costPerPractice: number; costNational: number }[];
  }[];
  summary: { costDeltaPerPractice: number };
  threads: { key: string; notes: { outcome: string }[] }[];
  spec: string;
  notes: unknown[];
  requirements: { id: string; deadline: string | null }[];
}

/** `node dist/cli.cjs ARGS` from the repository root, parsed. */
function cli(args: string[], cwd = ROOT): CliJson {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  assert.ok(r.status === 0 || r.status === 1, `service-spec ${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

interface PageSpec {
  file: string;
  version: string;
  findings: { line: number; column: number; endLine: number; endColumn: number; severity: string; code: string; message: string; requirement: string }[];
  costs: { id: string; values: number[] }[];
  total: number | null;
  notes: { id: string; requirement: string | null; stance: string; status: string }[];
  sidecarFindings: { sidecar: string; code: string; message: string }[];
}

/** What the page shows of each spec, read from the DOM (the findings and costs tables opened first). */
async function readPage(page: Page): Promise<PageSpec[]> {
  await page.evaluate(() => {
    for (const d of document.querySelectorAll<HTMLDetailsElement>('details.findings-table, details.costs-table')) d.open = true;
  });
  await page.waitForFunction(() => [...document.querySelectorAll('details.findings-table, details.costs-table')].every((d) => d.querySelector('table')));
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('section.spec[data-file]')].map((s) => {
      const text = (el: Element | null) => el?.textContent ?? '';
      return {
        file: s.dataset.file!,
        version: s.dataset.version!,
        findings: [...s.querySelectorAll<HTMLElement>('.findings-table tbody tr')].map((tr) => ({
          line: Number(tr.dataset.line),
          column: Number(tr.dataset.column),
          endLine: Number(tr.dataset.endLine),
          endColumn: Number(tr.dataset.endColumn),
          severity: text(tr.querySelector('.f-sev')),
          code: text(tr.querySelector('.f-rule')),
          message: text(tr.querySelector('.f-msg')),
          requirement: text(tr.querySelector('.f-req')),
        })),
        costs: [...s.querySelectorAll<HTMLElement>('.costs-table tbody tr')].map((tr) => ({
          id: tr.dataset.requirement!,
          values: [...tr.querySelectorAll<HTMLElement>('td[data-value]')].map((td) => Number(td.dataset.value)),
        })),
        total: s.querySelector<HTMLElement>('.summary .money') ? Number(s.querySelector<HTMLElement>('.summary .money')!.dataset.value) : null,
        notes: [...s.querySelectorAll<HTMLElement>('li.note[data-note]')].map((n) => ({
          id: n.dataset.note!,
          requirement: n.closest<HTMLElement>('li.req')?.dataset.requirement ?? null,
          stance: text(n.querySelector('.stance')).toLowerCase(),
          status: text(n.querySelector('.status')),
        })),
        sidecarFindings: [...s.querySelectorAll<HTMLElement>('[data-sidecar] .findings li')].map((li) => ({
          sidecar: li.closest<HTMLElement>('[data-sidecar]')!.dataset.sidecar!,
          code: text(li.querySelector('.f-rule')),
          message: text(li.querySelector('.f-msg')),
        })),
      };
    }),
  );
}

/** Findings as `check --format json` gives them. */
const asCli = (f: PageSpec['findings'][number]) => ({
  line: f.line,
  column: f.column,
  endLine: f.endLine,
  endColumn: f.endColumn,
  severity: f.severity,
  code: f.code,
  message: f.message,
});

/** Notes as `review --format json` gives them: where each is shown is where it is anchored now. */
function cliNotes(review: CliJson): { id: string; requirement: string | null; stance: string; status: string }[] {
  return review.reviews.flatMap((r) => r.notes.map((n) => ({ id: n.id, requirement: n.currentRequirement ?? null, stance: n.stance, status: n.status })));
}

const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

async function selectProfile(page: Page, profile: string): Promise<void> {
  const before = await page.evaluate(() => document.body.dataset.generation);
  await page.getByLabel('Cost profile').selectOption(profile);
  await page.waitForFunction((g) => document.body.dataset.generation !== g, before);
}

/** A picture of the page from the top of `selector`, `height` pixels tall, for the guide. */
async function picture(page: Page, selector: string, file: string, height = 1250): Promise<void> {
  // Cards off screen are skipped by layout until scrolled to: lay them all out before the picture.
  await page.evaluate(() => document.body.classList.add('print-all'));
  const top = await page
    .locator(selector)
    .first()
    .evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
  await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: Math.max(0, top - 16), width: 1280, height } });
  await page.evaluate(() => document.body.classList.remove('print-all'));
}

function shotsDir(): string {
  const dir = process.env.UPDATE_SCREENSHOTS ? path.join(ROOT, 'docs/images') : fs.mkdtempSync(path.join(os.tmpdir(), 'service-spec-web-shots-'));
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

describe('reviewer web page in Chromium', function () {
  this.timeout(180_000);
  let h: Harness;
  let draftDocx = '';
  let converted = '';
  let shots = '';

  before(async function () {
    const why = missing();
    if (why) {
      if (SKIP_BROWSER) this.skip();
      throw new Error(`the reviewer page's browser tests cannot run: ${why}`);
    }
    if (!sofficeAvailable()) {
      if (SKIP_SOFFICE || SKIP_BROWSER) this.skip();
      throw new Error(
        'LibreOffice (soffice) is not installed: apt-get install -y libreoffice-writer-nogui, or set SERVICE_SPEC_SKIP_SOFFICE=1 to skip these tests',
      );
    }
    // The Word draft as LibreOffice writes it, converted afresh from the sample's flat ODF.
    converted = convertWithSoffice([sample('word/ehch-draft.fodt')]);
    draftDocx = path.join(converted, 'ehch-draft.docx');
    shots = shotsDir();
    h = await launch();
  });

  after(async () => {
    await h?.close();
    if (converted) fs.rmSync(converted, { recursive: true, force: true });
    if (shots && !process.env.UPDATE_SCREENSHOTS) fs.rmSync(shots, { recursive: true, force: true });
  });

  it('loads from its own folder under a strict Content-Security-Policy', async () => {
    const page = await openPage(h);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(csp!, /default-src 'self'/);
    assert.match(csp!, /script-src 'self'/);
    assert.doesNotMatch(csp!, /unsafe-inline|unsafe-eval/);
    assert.equal(await page.locator('script:not([src])').count(), 0, 'no inline script');
    assert.equal(await page.locator('[style]').count(), 0, 'no inline style');
    await page.getByLabel('Open documents', { exact: true }).waitFor();
    assert.match(await page.locator('.lead').innerText(), /Nothing is uploaded/);
    await page.close();
    expectClean(h);
  });

  it('a LibreOffice Word draft: every obligation without a deadline, funding or deliverability, and its comments as notes, as the CLI imports them', async () => {
    const page = await openPage(h);
    await openFiles(page, [draftDocx]);
    await picture(page, 'section.spec', path.join(shots, 'web-findings.png'));
    // The CLI on the same document: import, then check and review what it wrote.
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'service-spec-web-import-'));
    const imported = cli(['import', draftDocx, '--out', out, '--format', 'json']);
    const check = cli(['check', out, '--format', 'json']);
    const review = cli(['review', out, '--format', 'json']);
    const [spec] = await readPage(page);
    assert.equal(spec!.file, path.basename(imported.spec));
    const cliSpec = check.files.find((f) => f.file.endsWith('.spec.md'));
    assert.deepEqual(spec!.findings.map(asCli), cliSpec!.diagnostics);
    assert.deepEqual(byId(spec!.notes), byId(cliNotes(review)));
    assert.equal(spec!.notes.length, imported.notes.length);
    // Every imported requirement lacks a deliverability note (the import writes TBC): the summary says so.
    const facts = await page.locator('.summary .facts').innerText();
    assert.match(facts, new RegExp(`Requirements\\s+${imported.requirements.length}\\b`));
    assert.match(facts, new RegExp(`Without a deliverability note\\s+${imported.requirements.length}\\b`));
    const noDeadline = imported.requirements.filter((r) => !r.deadline).length;
    assert.match(facts, new RegExp(`Without a deadline\\s+${noDeadline}\\b`));
    assert.ok(noDeadline > 0 && noDeadline < imported.requirements.length, 'the draft has obligations with and without a deadline');
    // The findings name the rule, the requirement and the problem.
    const missing = spec!.findings.filter((f) => f.code === 'placeholder-value' && /Deliverability/.test(f.message));
    assert.equal(missing.length, imported.requirements.length);
    assert.ok(missing.every((f) => imported.requirements.some((r) => r.id === f.requirement)));
    // The comment "Object: …" on EHCH-3 is an objection there, with its quote.
    const ehch3 = page.locator('li.req[data-requirement="EHCH-3"]');
    assert.match((await ehch3.locator('li.note').first().textContent())!, /Object[\s\S]*led by a GP at least fortnightly[\s\S]*spare GP sessions/);
    assert.match(await page.locator('.source').innerText(), /5 tracked changes accepted/);
    fs.rmSync(out, { recursive: true, force: true });
    await page.close();
    expectClean(h);
  });

  it('the same findings, costs and notes as the CLI, under either profile', async () => {
    const page = await openPage(h);
    await openFiles(page, [sample('service-spec.config.yaml'), ...folderFiles('2019-12-draft')]);
    const check = cli(['check', 'samples/2019-12-draft', '--format', 'json']);
    const review = cli(['review', 'samples/2019-12-draft', '--format', 'json']);
    const shown = await readPage(page);
    const specFiles = check.files.filter((f) => f.file.endsWith('.spec.md'));
    assert.deepEqual(shown.map((s) => s.file).sort(), specFiles.map((f) => path.basename(f.file)).sort());
    for (const f of specFiles) {
      const s = shown.find((x) => x.file === path.basename(f.file))!;
      assert.deepEqual(s.findings.map(asCli), f.diagnostics, f.file);
    }
    for (const f of check.files.filter((x) => x.file.endsWith('.review.yaml'))) {
      const got = shown.flatMap((s) => s.sidecarFindings).filter((x) => x.sidecar === path.basename(f.file));
      assert.deepEqual(
        got.map((x) => [x.code, x.message]),
        f.diagnostics.map((d) => [d.code, d.message]),
        f.file,
      );
    }
    assert.ok(shown.some((s) => s.findings.length > 0));
    assert.deepEqual(byId(shown.flatMap((s) => s.notes)), byId(cliNotes(review)));
    for (const profile of ['default', 'lmc']) {
      if (profile !== 'default') await selectProfile(page, profile);
      const cost = cli(['cost', 'samples/2019-12-draft', '--format', 'json', '--profile', profile]);
      const now = await readPage(page);
      for (const c of cost.specs) {
        const s = now.find((x) => x.file === path.basename(c.file))!;
        assert.equal(s.total, c.total.costPerPractice, `${c.file} (${profile})`);
        assert.deepEqual(
          s.costs,
          c.requirements.map((r) => ({ id: r.id, values: [r.hoursPerPcn, r.costPerPcn, r.costPerPractice, r.costNational] })),
          `${c.file} (${profile})`,
        );
      }
    }
    await page.close();
    expectClean(h);
  });

  it('downloads the spec and its notes, the Word review with comments and the publication; notes added from the keyboard go with them', async () => {
    const page = await openPage(h);
    await page.getByLabel('Your name, for notes you add').fill('LMC secretary');
    await openFiles(page, [draftDocx]);
    // Add a note to EHCH-4 with the keyboard only.
    const card = page.locator('li.req[data-requirement="EHCH-4"]');
    await card.locator('summary', { hasText: 'Add a note to EHCH-4' }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown'); // Concern
    await page.keyboard.press('Tab');
    await page.keyboard.type('Review the residents');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Who decides which residents count?');
    await page.keyboard.press('Tab');
    const before = await page.evaluate(() => document.body.dataset.generation);
    await page.keyboard.press('Enter');
    await page.waitForFunction((g) => document.body.dataset.generation !== g, before);
    const added = card.locator('li.note').last();
    assert.match((await added.textContent())!, /Concern[\s\S]*open[\s\S]*LMC secretary[\s\S]*Who decides which residents count\?/);
    // Reply to it and resolve it.
    await added.getByRole('button', { name: 'Reply' }).click();
    await card.getByLabel(/Reply to /).fill('The home manager, with the GP.');
    await card.getByRole('button', { name: 'Send reply' }).click();
    await card.locator('li.note').last().getByRole('button', { name: 'Resolve' }).click();
    await page.locator('li.req[data-requirement="EHCH-4"] li.note.status-resolved').waitFor();

    const spec = page.locator('section.spec').first();
    const files = await download(h, page, () => spec.getByRole('button', { name: 'Download spec' }).click(), 2);
    const name = 'enhanced-health-in-care-homes';
    assert.deepEqual([...files.keys()].sort(), [`${name}.review.yaml`, `${name}.spec.md`]);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'service-spec-web-import-'));
    cli(['import', draftDocx, '--out', out, '--format', 'json']);
    assert.equal(files.get(`${name}.spec.md`)!.toString('utf8'), fs.readFileSync(path.join(out, `${name}.spec.md`), 'utf8'), 'the Markdown the CLI writes');
    fs.rmSync(out, { recursive: true, force: true });
    const sidecar = parseReview(files.get(`${name}.review.yaml`)!.toString('utf8'));
    assert.deepEqual(sidecar.problems, []);
    const note = sidecar.notes.find((n) => n.requirement === 'EHCH-4')!;
    assert.deepEqual(
      [note.stance, note.status, note.author, note.quote, note.body?.trim(), note.replies.map((r) => [r.author, r.body])],
      [
        'concern',
        'resolved',
        'LMC secretary',
        'Review the residents',
        'Who decides which residents count?',
        [['LMC secretary', 'The home manager, with the GP.']],
      ],
    );
    const notes = await download(h, page, () => spec.getByRole('button', { name: 'Download notes' }).click());
    assert.deepEqual([...notes.keys()], [`${name}.review.yaml`]);

    const review = unzipSync(
      new Uint8Array((await download(h, page, () => spec.getByRole('button', { name: 'Download review' }).click())).get(`${name}.review.docx`)!),
    );
    const comments = strFromU8(review['word/comments.xml']!);
    // One comment per note and per reply.
    assert.equal(
      (comments.match(/<w:comment /g) ?? []).length,
      sidecar.notes.reduce((n, x) => n + 1 + x.replies.length, 0),
    );
    assert.match(comments, /w:author="LMC secretary"/);
    assert.match(comments, /Concern: Who decides which residents count\?/);
    assert.match(comments, /The home manager, with the GP\./);
    assert.match(strFromU8(review['word/commentsExtended.xml']!), /w15:done="1"/);
    assert.match(strFromU8(review['word/document.xml']!), /w:commentRangeStart/);

    const pub = unzipSync(
      new Uint8Array((await download(h, page, () => spec.getByRole('button', { name: 'Download publication' }).click())).get(`${name}.docx`)!),
    );
    const doc = strFromU8(pub['word/document.xml']!);
    assert.match(doc, /w:name="EHCH_3"[\s\S]*Provide a weekly home round for each aligned care home/);
    assert.doesNotMatch(doc, /w:commentRangeStart/);
    await page.close();
    expectClean(h);
  });

  it('two versions: Compare gives the CLI’s change kinds and cost delta, Download redline tracked changes; three: the CLI’s ledger', async () => {
    const page = await openPage(h);
    await openFiles(page, [sample('service-spec.config.yaml'), sample('2019-12-draft/ehch.spec.md'), sample('2019-12-draft/ehch.review.yaml')]);
    await openFiles(page, [sample('2020-03-final/ehch.spec.md'), sample('2020-03-final/ehch.review.yaml')]);
    const spec = page.locator('section.spec[data-spec="ehch"]');
    assert.equal(await spec.getAttribute('data-version'), '2020-03-final', 'the newest version is shown');
    await spec.getByRole('button', { name: 'Compare' }).click();
    const diff = cli(['diff', 'samples/2019-12-draft/ehch.spec.md', 'samples/2020-03-final/ehch.spec.md', '--format', 'json']);
    await spec.getByLabel('Show unchanged requirements').check();
    const rows = await spec
      .locator('table.diff tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [(tr as HTMLElement).dataset.requirement, (tr as HTMLElement).dataset.change]));
    assert.deepEqual(
      rows,
      diff.specs[0].requirements.map((r) => [r.id, r.change]),
    );
    const delta = Number(await spec.locator('.delta-practice').getAttribute('data-value'));
    assert.equal(delta, diff.summary.costDeltaPerPractice);
    assert.match(await spec.locator('table.diff').innerText(), /Deadline 2020-06-30 → 2020-07-31 \(31 days later\)/);
    await spec.getByLabel('Show unchanged requirements').uncheck();
    await picture(page, 'section.spec[data-spec="ehch"]', path.join(shots, 'web-compare.png'), 1150);

    const redline = unzipSync(
      new Uint8Array((await download(h, page, () => spec.getByRole('button', { name: 'Download redline' }).click())).get('ehch.redline.docx')!),
    );
    const doc = strFromU8(redline['word/document.xml']!);
    assert.match(doc, /<w:ins [^>]*w:author="service-spec"/);
    assert.match(doc, /<w:del [^>]*w:author="service-spec"/);
    assert.match(doc, /<w:delText[^>]*>[^<]*2020-06-30/);

    assert.equal(await spec.locator('.ledger').count(), 0, 'no ledger with two versions');
    await openFiles(page, [sample('2020-02-revised/ehch.spec.md'), sample('2020-02-revised/ehch.review.yaml')]);
    const versions = ['2019-12-draft', '2020-02-revised', '2020-03-final'].map((v) => `samples/${v}/ehch.spec.md`);
    const ledger = cli(['ledger', ...versions, '--format', 'json']);
    const threads = await spec
      .locator('.ledger tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [(tr as HTMLElement).dataset.thread, [...tr.querySelectorAll<HTMLElement>('li[data-outcome]')].map((li) => li.dataset.outcome)]),
      );
    assert.deepEqual(
      threads,
      ledger.threads.map((t) => [t.key, t.notes.map((n) => n.outcome)]),
    );
    assert.ok(
      threads.some(([, outcomes]) => (outcomes as string[]).length),
      'notes in the ledger',
    );
    await page.close();
    expectClean(h);
  });

  it('markup in a spec, its notes and its file name is shown as text: nothing runs, nothing is fetched, nothing is logged', async () => {
    const page = await openPage(h);
    const spec = [
      '---',
      'id: markup',
      'title: "<script>window.__pwned = 1</script> Markup <img src=x onerror=window.__pwned=2>"',
      'version: 2020-01-draft',
      'status: draft',
      'published: 2020-01-10',
      'owner: "<iframe src=https://example.org/></iframe>"',
      '---',
      '',
      '# <img src=x onerror="window.__pwned=3">',
      '',
      '## Section <script>window.__pwned=4</script>',
      '',
      '### MK-1: <img src=x onerror=window.__pwned=5> round',
      '',
      'Text <script>window.__pwned=6</script> [a link](javascript:window.__pwned=7) <iframe src="https://example.org/"></iframe> <img src="https://example.org/t.png"> <svg onload="window.__pwned=8"></svg>.',
      '',
      '- **Deadline:** <img src=x onerror=window.__pwned=9>',
      '- **Funding:** <script>window.__pwned=10</script>',
      '- **Deliverability:** red: <b onmouseover=window.__pwned=11>bold</b> &lt;em&gt;',
      '',
    ].join('\n');
    const sidecar = [
      'spec: "<img src=x onerror=window.__pwned=12>.spec.md"',
      'reviewer: "<script>window.__pwned=13</script>"',
      'notes:',
      '  - id: n1',
      '    requirement: MK-1',
      '    stance: object',
      '    status: open',
      '    author: "<img src=x onerror=window.__pwned=14>"',
      '    body: "<img src=x onerror=window.__pwned=15> <a href=javascript:window.__pwned=16>x</a>"',
      '',
    ].join('\n');
    const name = '<img src=x onerror=window.__pwned=12>.spec.md';
    await openFiles(page, [
      { name, mimeType: 'text/markdown', buffer: Buffer.from(spec) },
      { name: 'markup.review.yaml', mimeType: 'application/yaml', buffer: Buffer.from(sidecar) },
    ]);
    await page.locator('li.req[data-requirement="MK-1"]').waitFor();
    // Every hover and focus target tried: nothing fires.
    for (const d of await page.locator('details').all()) await d.evaluate((el) => ((el as HTMLDetailsElement).open = true));
    await page.locator('.req').first().hover();
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.equal(await page.locator('#specs img, #specs script, #specs iframe, #specs svg, #specs b, #specs a').count(), 0, 'no element from the document');
    const text = await page.locator('#specs').textContent();
    for (const literal of ['<img src=x onerror=window.__pwned=5> round', '<script>window.__pwned=6</script>', '<img src=x onerror=window.__pwned=15>', name])
      assert.ok(text!.includes(literal), `shown as text: ${literal}`);
    // The documents made from it carry the text too, and still nothing runs.
    await download(h, page, () => page.getByRole('button', { name: 'Download review' }).click());
    await download(h, page, () => page.getByRole('button', { name: 'Download publication' }).click());
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    await page.close();
    expectClean(h);
  });

  it('drag and drop opens files like the input', async () => {
    const page = await openPage(h);
    const text = fs.readFileSync(sample('2019-12-draft/smr.spec.md'), 'utf8');
    await page.evaluate((t) => {
      const data = new DataTransfer();
      data.items.add(new File([t], 'smr.spec.md', { type: 'text/markdown' }));
      document.body.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, text);
    await page.locator('section.spec[data-file="smr.spec.md"]').waitFor();
    assert.match(await page.locator('#status').innerText(), /1 file opened/);
    await page.close();
    expectClean(h);
  });
});

describe('reviewer web page: accessibility (axe-core, WCAG 2.1 AA)', function () {
  this.timeout(180_000);
  let h: Harness;

  before(async function () {
    const why = missing();
    if (why) {
      if (SKIP_BROWSER) this.skip();
      throw new Error(`the reviewer page's browser tests cannot run: ${why}`);
    }
    // axe-core is injected from node_modules; the page's policy would refuse it, so this context bypasses it.
    h = await launch({ bypassCSP: true });
  });
  after(async () => h?.close());

  async function axe(page: Page, where: string): Promise<void> {
    const source = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
    await page.evaluate(source);
    const result = (await page.evaluate(() =>
      (window as unknown as { axe: { run(o: object): Promise<unknown> } }).axe.run({
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      }),
    )) as { violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] };
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(
      bad.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      [],
      where,
    );
  }

  it('the empty page, a draft with notes and forms open, a comparison and a ledger', async () => {
    const page = await openPage(h);
    await axe(page, 'empty page');
    await openFiles(page, [sample('service-spec.config.yaml'), ...folderFiles('2019-12-draft')]);
    await openFiles(page, [sample('2020-02-revised/ehch.spec.md'), sample('2020-02-revised/ehch.review.yaml')]);
    await openFiles(page, [sample('2020-03-final/ehch.spec.md'), sample('2020-03-final/ehch.review.yaml')]);
    const spec = page.locator('section.spec[data-spec="ehch"]');
    await spec.getByRole('button', { name: 'Compare' }).click();
    await spec.locator('li.note').first().getByRole('button', { name: 'Reply' }).click();
    const add = spec.locator('details.add-note').first();
    await add.locator('summary').click();
    await add.getByRole('button', { name: 'Save note' }).click(); // empty: an error is shown
    await spec.locator('.error[role=alert]').waitFor();
    for (const d of await page.locator('details.findings-table, details.costs-table').all()) await d.locator('summary').click();
    await axe(page, 'specs open, comparison, ledger, forms with an error');
    await page.close();
  });
});
