/** The import rules one at a time, on small documents built from WordprocessingML strings. */
import * as assert from 'node:assert/strict';
import { parseSpec } from '../../server/src/core/parse.js';
import { bodyDocx, checkImport, docx, importBytes, ooxmlParts } from './helpers.js';

const p = (text: string, pPr = '') => `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const styled = (style: string, text: string) => p(text, `<w:pStyle w:val="${style}"/>`);
const item = (text: string, numId = 1, ilvl = 0) => p(text, `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr>`);
const core = (inner: string) =>
  `<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">${inner}</cp:coreProperties>`;

function imported(body: string, extra: Record<string, string> = {}, options = {}) {
  const result = importBytes(bodyDocx(body, extra), options);
  checkImport('inline', result);
  return { ...result, spec: parseSpec(result.specText) };
}

const headings = (text: string) => text.split('\n').filter((l) => l.startsWith('#'));

describe('word import: rules', () => {
  it('makes a requirement of each paragraph with an obligation, and of nothing else', () => {
    const obligations = ['must act', 'shall act', 'is required to act', 'will need to act', 'is expected to act', 'are expected to act', 'MUST act'];
    const not = ['should act', 'may act', 'will act', 'is mustard-coloured', 'musters staff', 'needs to act', 'is expected', 'shallow water'];
    const r = imported([...obligations, ...not].map((o) => p(`The network ${o}.`)).join(''));
    assert.deepEqual(
      r.spec.requirements.map((x) => x.prose[1]?.text),
      obligations.map((o) => `The network ${o}.`),
    );
  });

  it('maps headings to sections and puts requirements one level below, never deeper than ####', () => {
    const r = imported(
      p('The network must act before any heading.') +
        styled('Heading1', 'Section one') +
        p('The network must act in section one.') +
        styled('Heading2', 'Section two') +
        p('The network must act in section two.') +
        styled('Kop3', 'Section three') +
        p('The network must act in section three.') +
        p('Outline level 0 makes a heading too', '<w:outlineLvl w:val="0"/>') +
        p('Outline level 9 is body text; the network must act.', '<w:outlineLvl w:val="9"/>') +
        styled('Heading2', 'SMR-2.1: Heading requirement kept as written') +
        p('The network must act: this stays its prose.'),
    );
    assert.deepEqual(headings(r.specText), [
      '# Anticipatory Care',
      '## AC-1: Act before any heading',
      '## Section one',
      '### AC-3: Act in section one',
      '### Section two',
      '#### AC-4: Act in section two',
      '### Section three',
      '#### AC-5: Act in section three',
      '## Outline level 0 makes a heading too',
      '### AC-6: Outline level 9 is body text',
      '### SMR-2.1: Heading requirement kept as written',
    ]);
    assert.equal(r.spec.requirements.at(-1)!.prose.length, 2, 'the obligation under a requirement heading is its prose');
  });

  it('turns a lead-in and its list into one requirement per item, with the lead-in in each body', () => {
    const r = imported(
      styled('Heading1', 'Reviews') +
        p('3. By 30 June 2020 the network must offer a review to:') +
        item('people in care homes;') +
        item('including those in respite care;', 1, 1) +
        item('people on ten or more medicines.') +
        p('Reviews should be face to face.') +
        p('The network must keep a list:') +
        p('This paragraph is no list, so the colon leads nothing in.'),
    );
    assert.deepEqual(
      r.report.requirements.map((x) => [x.id, x.deadline]),
      [
        ['AC-3.1', '2020-06-30'],
        ['AC-3.2', '2020-06-30'],
        ['AC-1', null],
      ],
    );
    const [first, second] = r.spec.requirements;
    assert.deepEqual(
      first!.prose.slice(1).map((x) => x.text),
      ['By 30 June 2020 the network must offer a review to:', 'people in care homes;', 'including those in respite care;'],
    );
    assert.deepEqual(
      second!.prose.slice(1).map((x) => x.text),
      ['By 30 June 2020 the network must offer a review to:', 'people on ten or more medicines.', 'Reviews should be face to face.'],
    );
  });

  it('numbers requirements: typed numbers kept (and removed from the text), the rest the smallest unused number', () => {
    const r = imported(
      p('2.1 The network must act.') + p('The network must act again.') + p('1 April 2020, the network must start.') + p('4. The network must report.'),
    );
    assert.deepEqual(
      r.report.requirements.map((x) => x.id),
      ['AC-2.1', 'AC-1', 'AC-3', 'AC-4'],
    );
    assert.equal(r.spec.requirements[0]!.prose[1]!.text, 'The network must act.');
    assert.equal(r.spec.requirements[2]!.prose[1]!.text, '1 April 2020, the network must start.');
  });

  it('takes the title from the core properties, else the Title paragraph, else the first Heading 1', () => {
    const doc = p('Intro.') + styled('Title', 'From The Title Style') + styled('Heading1', 'From Heading One') + p('The network must act.');
    assert.equal(importBytes(bodyDocx(doc)).report.title, 'Anticipatory Care');
    const noCoreTitle = { 'docProps/core.xml': core('<dcterms:modified>2020-01-02T00:00:00Z</dcterms:modified>') };
    const fromTitle = importBytes(bodyDocx(doc, noCoreTitle));
    assert.equal(fromTitle.report.title, 'From The Title Style');
    assert.equal(fromTitle.report.requirements[0]!.id, 'FTS-1', '"The" is skipped');
    assert.deepEqual(headings(fromTitle.specText).slice(0, 2), ['# From The Title Style', '## From Heading One']);
    const fromHeading = importBytes(bodyDocx(p('Intro.') + styled('Heading1', 'Enhanced Health in Care Homes') + p('The network must act.'), noCoreTitle));
    assert.equal(fromHeading.report.id, 'enhanced-health-in-care-homes');
    assert.deepEqual(headings(fromHeading.specText), ['# Enhanced Health in Care Homes', '## EHCH-1: The network must act']);
  });

  it('dates the front-matter from dcterms:modified, else dcterms:created, else leaves published out', () => {
    const body = p('The network must act.');
    const created = importBytes(bodyDocx(body, { 'docProps/core.xml': core('<dc:title>T</dc:title><dcterms:created>2019-11-30T23:00:00Z</dcterms:created>') }));
    assert.equal(created.report.published, '2019-11-30');
    assert.match(created.specText, /^version: imported-2019-11-30$/m);
    const none = importBytes(bodyDocx(body, { 'docProps/core.xml': core('<dc:title>T</dc:title>') }));
    assert.equal(none.report.published, null);
    assert.match(none.specText, /^version: imported\nstatus: draft\n---$/m);
    assert.ok(
      parseSpec(none.specText).frontMatter.problems.some((x) => /published/.test(x.message)),
      'check reports the missing date',
    );
    const noCore = ooxmlParts('threads');
    delete noCore['docProps/core.xml'];
    assert.equal(importBytes(docx(noCore), { sourceName: 'drafts/My Draft.docx' }).report.id, 'anticipatory-care');
  });

  it('reads Deadline and Funding from the words, writes TBC for the rest and invents nothing else', () => {
    const r = imported(
      p('The network must fund the clinics from the care home premium and ARRS during 2020/21.') +
        p('The network must consider the arrsenal of options; core PCN funding is mentioned only in passing: none.') +
        p('The network must act weekly.'),
    );
    assert.deepEqual(
      r.report.requirements.map((x) => [x.deadline, x.deadlinePhrase, x.funding]),
      [
        ['2021-03-31', 'during 2020/21', ['care-home-premium', 'arrs']],
        [null, null, ['core-pcn']],
        [null, null, []],
      ],
    );
    assert.match(r.specText, /- \*\*Deliverability:\*\* TBC\n\n## AC-2/);
    assert.doesNotMatch(r.specText, /workload|Depends on|Owner/);
    assert.equal(r.report.fieldsFound, 3);
    assert.equal(r.report.tbcs, 6);
  });

  it('reads field tables and workload tables back, and leaves other tables as Markdown tables', () => {
    const cell = (t: string) => `<w:tc><w:p><w:r><w:t>${t}</w:t></w:r></w:p></w:tc>`;
    const table = (rows: string[][]) => `<w:tbl>${rows.map((r) => `<w:tr>${r.map(cell).join('')}</w:tr>`).join('')}</w:tbl>`;
    const r = imported(
      styled('Heading2', 'AC-4: Home visits') +
        p('Visits must happen by 1 May 2020.') +
        table([
          ['Funding:', 'Care Home Premium (care-home-premium), IIF, Local money'],
          ['Deliverability', 'red: no GP time'],
        ]) +
        table([
          ['Role', 'Minutes', 'Every', 'Per', 'Share'],
          ['GP', '60', 'fortnight', 'care-home', '0.5'],
        ]) +
        table([
          ['Home', 'Beds'],
          ['A | B', '40'],
        ]),
    );
    assert.match(
      r.specText,
      /- \*\*Deadline:\*\* 2020-05-01\n- \*\*Funding:\*\* care-home-premium, iif, Local money\n- \*\*Deliverability:\*\* red: no GP time\n\n```workload\n- role: gp\n {2}minutes: 60\n {2}every: fortnight\n {2}per: care-home\n {2}share: 0.5\n```/,
    );
    assert.match(r.specText, /\| Home \| Beds \|\n\| --- \| --- \|\n\| A \\\| B \| 40 \|/);
  });

  it('accepts tracked changes: insertions and moves kept, deletions and moved-from text dropped, deleted marks joined', () => {
    const ins = (t: string) => `<w:ins w:id="1" w:author="E" w:date="2020-01-01T00:00:00Z"><w:r><w:t xml:space="preserve">${t}</w:t></w:r></w:ins>`;
    const del = (t: string) => `<w:del w:id="2" w:author="E" w:date="2020-01-01T00:00:00Z"><w:r><w:delText xml:space="preserve">${t}</w:delText></w:r></w:del>`;
    const r = imported(
      `<w:p><w:r><w:t xml:space="preserve">Practices </w:t></w:r>${del('should ')}${ins('must ')}<w:r><w:t>act.</w:t></w:r></w:p>` +
        `<w:p><w:r><w:t xml:space="preserve">Practices </w:t></w:r>${del('must ')}<w:r><w:t>rest.</w:t></w:r></w:p>` +
        `<w:p><w:pPr><w:rPr><w:del w:id="3" w:author="E" w:date="2020-01-01T00:00:00Z"/></w:rPr></w:pPr><w:r><w:t xml:space="preserve">The network must join </w:t></w:r></w:p>` +
        p('these two paragraphs.') +
        `<w:p><w:moveFrom w:id="4" w:author="E" w:date="2020-01-01T00:00:00Z"><w:r><w:t>The network must move.</w:t></w:r></w:moveFrom></w:p>` +
        `<w:p><w:moveTo w:id="5" w:author="E" w:date="2020-01-01T00:00:00Z"><w:r><w:t>The network must arrive.</w:t></w:r></w:moveTo></w:p>`,
    );
    assert.deepEqual(
      r.spec.requirements.map((x) => x.prose[1]!.text),
      ['Practices must act.', 'The network must join these two paragraphs.', 'The network must arrive.'],
    );
    assert.match(r.specText, /Practices rest\./);
    assert.equal(r.report.trackedChanges, 6);
  });

  it('leaves out what the tools generate: the Service Spec Cost and Summary styles', () => {
    const r = imported(
      p('The network must act.') +
        styled('ServiceSpecCost', 'Cost: £100 a year per practice; the network must pay.') +
        styled('ServiceSpecSummary', 'Cost summary'),
    );
    assert.equal(r.report.requirements.length, 1);
    assert.doesNotMatch(r.specText, /Cost/);
  });

  it('escapes what Markdown would read as structure, so prose stays prose', () => {
    const texts = [
      '# The network must not be a heading.',
      '1. The network must not be a list.',
      '- The network must not be a bullet.',
      '> quoted',
      '<div>',
      '---',
      '```',
    ];
    const r = imported(texts.map((t) => p(t.replace(/</g, '&lt;').replace(/>/g, '&gt;'))).join(''));
    assert.deepEqual(
      r.spec.requirements.map((x) => x.id),
      ['AC-2', 'AC-1', 'AC-3'],
      'a typed 1. is a number; the other obligations are requirements too',
    );
    assert.deepEqual(
      r.spec.sections.map((x) => x.title),
      ['Anticipatory Care'],
      'no heading but the title',
    );
    for (const line of ['\\# The network must not be a heading.', '\\- The network must not be a bullet.', '\\> quoted', '\\<div>', '\\---', '\\```'])
      assert.ok(r.specText.includes(`\n${line}\n`), line);
  });

  it('anchors comments: the requirement holding the range start, no quote for a whole heading, stances, replies and done flags', () => {
    const result = importBytes(docx(ooxmlParts('threads')), { reviewer: 'BMA GPC' });
    assert.match(result.reviewText!, /^reviewer: BMA GPC$/m);
    assert.deepEqual(
      result.report.notes.map((n) => [n.id, n.requirement, n.quote, n.stance, n.status, n.replies]),
      [
        ['c1', 'AC-1', 'every patient at high risk', 'object', 'open', 3],
        ['c2', 'AC-1', null, 'support', 'open', 0],
        ['c3', 'AC-2', 'Plans must be reviewed', 'object', 'withdrawn', 0],
        ['c4', 'AC-2', 'at least once a year', 'concern', 'resolved', 0],
        ['c5', 'AC-9', null, 'question', 'open', 0],
      ],
    );
    assert.deepEqual(result.report.unanchored, [{ author: 'Dr Jane Reviewer', body: 'General: this whole section needs costing.' }]);
  });

  it('writes no sidecar when no comment is on a requirement', () => {
    const comments =
      '<?xml version="1.0"?><w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:comment w:id="0" w:author="A"><w:p><w:r><w:t>Object: all of it.</w:t></w:r></w:p></w:comment></w:comments>';
    const body = `<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>Intro.</w:t></w:r><w:commentRangeEnd w:id="0"/></w:p>${p('The network must act.')}`;
    const r = importBytes(bodyDocx(body, { 'word/comments.xml': comments }));
    assert.equal(r.reviewText, null);
    assert.equal(r.report.reviewFile, null);
    assert.deepEqual(r.report.unanchored, [{ author: 'A', body: 'Object: all of it.' }]);
  });
  it('leaves out a table of contents (toc styles): Word generates it from the headings', () => {
    const r = imported(styled('TOC1', 'AC-9: A requirement as listed in the contents, must 3') + styled('TOCHeading', 'Contents') + p('The network must act.'));
    assert.deepEqual(
      r.report.requirements.map((x) => x.id),
      ['AC-1'],
    );
    assert.doesNotMatch(r.specText, /Contents|listed/);
  });

  it('reads stored (uncompressed) packages and UTF-16 parts', () => {
    const parts = ooxmlParts('threads');
    const stored = importBytes(docx(parts, { level: 0 }));
    assert.equal(stored.report.requirements.length, 3);
    const text = new TextDecoder().decode(parts['word/document.xml'] as Uint8Array).replace('encoding="UTF-8"', 'encoding="UTF-16"');
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      utf16[2 + 2 * i] = text.charCodeAt(i) & 0xff;
      utf16[3 + 2 * i] = text.charCodeAt(i) >> 8;
    }
    const wide = importBytes(docx({ ...parts, 'word/document.xml': utf16 }));
    assert.equal(wide.specText, importBytes(docx(parts)).specText);
  });
});
