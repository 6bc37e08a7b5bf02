/** The publication document: structure, styles, bookmarks, tables, costs, dates, escaping, HTML. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Packer } from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import { parse as parseHtml } from 'parse5';
import { parseSpec } from '../../server/src/core/parse.js';
import { exportDocx, blocksOf, documentOptions } from '../../server/src/docx/export.js';
import { exportHtml } from '../../server/src/docx/html.js';
import { bookmarkName, buildPublication } from '../../server/src/docx/publication.js';
import { buildDocument, packSync } from '../../server/src/docx/render.js';
import { ROOT } from '../helpers/golden.js';
import { FIXTURES, lines, samplesBasis, spec } from './helpers.js';
import { all, bodyStyles, type El, kid, kids, parseXml, readDocx, stylesOf, textOf } from './ooxml.js';

const basis = samplesBasis();
const rich = () => spec(path.join(FIXTURES, 'rich.spec.md'));

const pStyle = (p: El) => kid(kid(p, 'w:pPr') ?? { name: '', attrs: {}, children: [] }, 'w:pStyle')?.attrs['w:val'];
const tblStyle = (t: El) => kid(kid(t, 'w:tblPr')!, 'w:tblStyle')?.attrs['w:val'];
const rowsOf = (t: El) => kids(t, 'w:tr').map((tr) => kids(tr, 'w:tc').map(textOf));

/** The blocks of the body after the heading paragraph whose text starts with `heading`, up to its cost line. */
function requirementBlocks(body: El, heading: string): El[] {
  const blocks = kids(body);
  const at = blocks.findIndex((b) => b.name === 'w:p' && textOf(b).startsWith(heading));
  assert.ok(at >= 0, `no paragraph starts with ${heading}`);
  const rest = blocks.slice(at + 1);
  return rest.slice(0, rest.findIndex((b) => b.name === 'w:p' && pStyle(b) === 'ServiceSpecCost') + 1);
}

describe('docx export', () => {
  it('uses real styles: Title, Heading 1–3 with outline levels, generated text in the Service Spec styles, unique names', () => {
    const d = readDocx(exportDocx(rich(), basis));
    const styles = stylesOf(d);
    const used = bodyStyles(d.body);
    for (const id of ['Title', 'Heading1', 'Heading2', 'Heading3', 'ServiceSpecCost', 'ServiceSpecSummary', 'ListBullet', 'ListNumber', 'Quote'])
      assert.ok(used.includes(id), `no paragraph in style ${id}`);
    assert.equal(styles.get('Title')?.name, 'Title');
    assert.equal(styles.get('Heading2')?.name, 'Heading 2');
    assert.equal(styles.get('ServiceSpecCost')?.name, 'Service Spec Cost');
    assert.equal(styles.get('ServiceSpecSummary')?.name, 'Service Spec Summary');
    assert.equal(styles.get('ServiceSpecFrontMatter')?.name, 'Service Spec Front Matter');
    assert.equal(styles.get('ServiceSpecFrontMatterTable')?.type, 'table');
    const sx = d.part('word/styles.xml')!;
    for (const [level, id] of ['Heading1', 'Heading2', 'Heading3'].entries()) {
      const s = kids(sx, 'w:style').find((x) => x.attrs['w:styleId'] === id)!;
      assert.equal(kid(kid(s, 'w:pPr')!, 'w:outlineLvl')?.attrs['w:val'], String(level), `${id} outline level`);
    }
    const names = [...styles.values()].map((s) => s.name.toLowerCase());
    assert.equal(new Set(names).size, names.length, 'style names are unique across paragraph, character and table styles');
    // Every style the document refers to is defined.
    for (const ref of [...all(d.document, 'w:pStyle'), ...all(d.document, 'w:rStyle'), ...all(d.document, 'w:tblStyle')])
      assert.ok(styles.has(ref.attrs['w:val']!), `style ${ref.attrs['w:val']} is not defined`);
    // No direct formatting of paragraphs: spacing, fonts and sizes come from styles.
    for (const p of all(d.body, 'w:pPr'))
      for (const c of kids(p)) assert.ok(['w:pStyle', 'w:numPr', 'w:rPr'].includes(c.name), `direct paragraph formatting ${c.name}`);
  });

  it('writes the title, the front-matter table with every key, sections and requirements in order', () => {
    const d = readDocx(exportDocx(rich(), basis));
    const paras = kids(d.body, 'w:p');
    assert.equal(textOf(paras[0]!), 'Rich <Markup> & "Quotes"');
    assert.equal(pStyle(paras[0]!), 'Title');
    const fm = kids(d.body, 'w:tbl')[0]!;
    assert.equal(tblStyle(fm), 'ServiceSpecFrontMatterTable');
    assert.deepEqual(
      rowsOf(fm).map((r) => r[0]),
      ['id', 'title', 'version', 'status', 'published', 'consultation-closes', 'owner', 'local-note'],
    );
    assert.deepEqual(rowsOf(fm)[6], ['owner', 'Test & <Co>']);
    for (const p of all(fm, 'w:p')) assert.equal(pStyle(p), 'ServiceSpecFrontMatter');
    const headings = paras.filter((p) => /^Heading/.test(pStyle(p) ?? '')).map((p) => [pStyle(p), textOf(p)]);
    assert.deepEqual(headings, [
      ['Heading1', 'Section one'],
      ['Heading2', 'RICH-1: Title with emphasis & <angle>'],
      ['Heading2', 'RICH-2.1: A sub-requirement'],
      ['Heading1', 'Section two'],
      ['Heading3', 'RICH-3: No fields at all'],
    ]);
  });

  it('wraps each requirement heading in a bookmark named after its id (- and . as _)', () => {
    assert.equal(bookmarkName('SMR-2.1'), 'SMR_2_1');
    const d = readDocx(exportDocx(rich(), basis));
    const heading = kids(d.body, 'w:p').find((p) => textOf(p).startsWith('RICH-2.1:'))!;
    const start = kid(heading, 'w:bookmarkStart')!;
    assert.equal(start.attrs['w:name'], 'RICH_2_1');
    const kidsOf = kids(heading);
    assert.equal(kidsOf.indexOf(start), 1, 'the bookmark starts before the heading text (after its properties)');
    assert.equal(kidsOf[kidsOf.length - 1]!.name, 'w:bookmarkEnd');
    assert.equal(kidsOf[kidsOf.length - 1]!.attrs['w:id'], start.attrs['w:id']);
    const names = all(d.body, 'w:bookmarkStart').map((b) => b.attrs['w:name']);
    assert.deepEqual(names, ['RICH_1', 'RICH_2_1', 'RICH_3']);
    // Depends on links to the bookmark of a requirement of the same spec.
    const link = all(d.body, 'w:hyperlink').find((h) => h.attrs['w:anchor']);
    assert.equal(link?.attrs['w:anchor'], 'RICH_2_1');
    assert.equal(textOf(link!), 'RICH-2.1');
  });

  it('gives each requirement its prose, a field table, a workload table and a cost line', () => {
    const d = readDocx(exportDocx(rich(), basis));
    const blocks = requirementBlocks(d.body, 'RICH-1:');
    const tables = blocks.filter((b) => b.name === 'w:tbl');
    assert.deepEqual(tables.map(tblStyle), ['ServiceSpecTable', 'ServiceSpecFields', 'ServiceSpecWorkload']);
    assert.deepEqual(rowsOf(tables[1]!), [
      ['Deadline', '2020-09-30'],
      ['Funding', 'Care Home Premium (care-home-premium), Additional Roles Reimbursement Scheme (arrs), not-a-source'],
      ['Deliverability', 'red: needs ~1 GP session per home per fortnight.'],
      ['Depends on', 'RICH-2.1, other-spec/X-1'],
      ['Owner', 'PCN clinical director'],
      ['Notes', 'a field the format does not define'],
    ]);
    assert.deepEqual(rowsOf(tables[2]!), [
      ['role', 'minutes', 'every', 'per', 'share', 'rate-per-1000', 'from', 'until'],
      ['gp', '60', 'fortnight', 'care-home', '', '', '', ''],
      ['clinical-pharmacist', '45', 'year', 'patient', '', '20', '2020-10-01', '2021-03-31'],
    ]);
    const prose = blocks.filter((b) => b.name === 'w:p' && textOf(b)).map((p) => [pStyle(p) ?? 'Normal', textOf(p)]);
    assert.deepEqual(prose.slice(0, 5), [
      ['Normal', "The first requirement's prose, with a line break inside it."],
      ['Quote', 'A quoted passage.'],
      ['ListBullet', 'a plain bullet'],
      ['ListBullet', 'another bullet'],
      ['ListNumber', 'a nested numbered item'],
    ]);
    const cost = blocks.filter((b) => b.name === 'w:p' && pStyle(b) === 'ServiceSpecCost');
    assert.equal(cost.length, 1);
    assert.match(textOf(cost[0]!), /^Cost \(default assumptions\): £[\d,]+ a year per PCN \([\d.,]+ hours\), £[\d,]+ per practice, £[\d,]+ nationally\.$/);
    // A requirement with no workload says so; one with no fields has no field table.
    const none = requirementBlocks(d.body, 'RICH-3:');
    assert.equal(none.filter((b) => b.name === 'w:tbl').length, 0);
    assert.equal(textOf(none.find((b) => pStyle(b) === 'ServiceSpecCost')!), 'Cost (default assumptions): no workload stated.');
  });

  it('costs under the active profile (lmc prices GP time higher)', () => {
    const ehch = spec('samples/2020-03-final/ehch.spec.md');
    const costLines = (b: Uint8Array) => lines(b).filter((l) => l.startsWith('Cost ('));
    const base = costLines(exportDocx(ehch, basis));
    const lmc = costLines(exportDocx(ehch, samplesBasis('lmc')));
    assert.equal(base.length, lmc.length);
    assert.ok(lmc.every((l) => l.startsWith('Cost (profile lmc):')));
    // EHCH-3 has an hour of GP time a month per home: dearer under lmc.
    const figure = (l: string) => Number(/£([\d,]+) a year/.exec(l)![1]!.replace(/,/g, ''));
    const i = base.findIndex((l) => /a year/.test(l));
    assert.ok(figure(lmc[i]!) > figure(base[i]!), `${lmc[i]} vs ${base[i]}`);
  });

  it('ends with a cost summary in the Service Spec Summary styles', () => {
    const d = readDocx(exportDocx(spec('samples/2020-03-final/ehch.spec.md'), basis));
    const blocks = kids(d.body).filter((b) => b.name !== 'w:sectPr');
    const start = blocks.findIndex((b) => b.name === 'w:p' && textOf(b) === 'Cost summary');
    assert.ok(start > 0);
    const tail = blocks.slice(start);
    for (const b of tail) {
      if (b.name === 'w:p') assert.equal(pStyle(b), 'ServiceSpecSummary');
      else {
        assert.equal(tblStyle(b), 'ServiceSpecSummaryTable');
        for (const p of all(b, 'w:p')) assert.equal(pStyle(p), 'ServiceSpecSummary');
        const rows = rowsOf(b);
        assert.deepEqual(rows[0], ['Requirement', 'Title', 'Hours per PCN', 'Cost per PCN', 'Cost per practice', 'Cost nationally']);
        assert.equal(rows[rows.length - 1]![0], 'Total');
      }
    }
    assert.ok(tail.some((b) => b.name === 'w:tbl'));
  });

  it('dates the document on its published day at 12:00 UTC and is the same bytes every time', () => {
    const ehch = spec('samples/2020-03-final/ehch.spec.md');
    const a = exportDocx(ehch, basis);
    const b = exportDocx(ehch, basis);
    assert.deepEqual(a, b, 'two exports of the same spec are identical');
    const core = strFromU8(unzipSync(a)['docProps/core.xml']!);
    assert.match(core, /<dcterms:created xsi:type="dcterms:W3CDTF">2020-03-31T12:00:00Z<\/dcterms:created>/);
    assert.match(core, /<dcterms:modified xsi:type="dcterms:W3CDTF">2020-03-31T12:00:00Z<\/dcterms:modified>/);
    assert.match(core, /<dc:title>Enhanced Health in Care Homes<\/dc:title>/);
    // The zip's own entry dates are that day too, not the time of writing.
    const view = new DataView(a.buffer, a.byteOffset, a.byteLength);
    let entries = 0;
    for (let i = 0; i + 46 <= a.length; i++) {
      if (view.getUint32(i, true) !== 0x02014b50) continue;
      const date = view.getUint16(i + 14, true);
      assert.deepEqual([1980 + (date >> 9), (date >> 5) & 15, date & 31], [2020, 3, 31]);
      entries++;
    }
    assert.ok(entries > 10);
  });

  it('packs exactly as the library packs', async () => {
    const ehch = spec('samples/2020-03-final/ehch.spec.md');
    const pub = buildPublication(ehch, basis);
    const options = documentOptions(ehch, pub);
    const ours = unzipSync(packSync(buildDocument(blocksOf(pub), options), []));
    const theirs = unzipSync(await Packer.pack(buildDocument(blocksOf(pub), options), 'uint8array'));
    assert.deepEqual(Object.keys(ours).sort(), Object.keys(theirs).sort());
    for (const k of Object.keys(ours)) {
      if (k === 'docProps/core.xml') continue; // the library's holds the time of packing
      assert.equal(strFromU8(ours[k]!), strFromU8(theirs[k]!), k);
    }
  });

  it('escapes all text: markup, quotes, control characters and lone surrogates give well-formed XML', () => {
    const text = fs
      .readFileSync(path.join(FIXTURES, 'rich.spec.md'), 'utf8')
      .replace('A sub-requirement with its own fields.', 'Bell \u0007, form feed \u000c, lone \ud800 surrogate, ]]> and &amp; as text.');
    const bytes = exportDocx(parseSpec(text), basis);
    const files = unzipSync(bytes);
    for (const [name, data] of Object.entries(files)) if (name.endsWith('.xml') || name.endsWith('.rels')) parseXml(strFromU8(data));
    const body = lines(bytes).join('\n');
    assert.ok(body.includes('Bell \ufffd, form feed , lone \ufffd surrogate, ]]> and & as text.'), 'the entity is read as Markdown reads it');
    assert.ok(body.includes('<script>alert("x")</script>'), 'HTML in the spec is text');
    const d = readDocx(bytes);
    const rels = d.text('word/_rels/document.xml.rels')!;
    assert.ok(rels.includes('https://example.org/?a=1&amp;b=2'), 'the web link is a relationship');
    assert.ok(!rels.includes('javascript:'), 'a javascript: link is not a link');
  });

  it('writes the same text as one self-contained HTML page', () => {
    const ehch = spec(path.join(FIXTURES, 'rich.spec.md'));
    const html = exportHtml(ehch, basis);
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">/);
    const doc = parseHtml(html);
    const found: string[] = [];
    const visit = (n: { nodeName: string; childNodes?: unknown[]; attrs?: { name: string; value: string }[] }) => {
      found.push(n.nodeName);
      if (n.nodeName === 'a') for (const a of n.attrs ?? []) if (a.name === 'href') assert.ok(/^(https?:|mailto:|#)/.test(a.value), a.value);
      for (const c of (n.childNodes ?? []) as (typeof n)[]) visit(c);
    };
    visit(doc as never);
    assert.ok(!found.includes('script'), 'no script element');
    assert.ok(!/\son\w+=/i.test(html), 'no event handler attributes');
    const text = html
      .replace(/<[^>]+>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
    for (const line of lines(exportDocx(ehch, basis)))
      for (const cell of line.replace(/^\|/, '').split('\t')) if (cell) assert.ok(text.includes(cell), `HTML lacks "${cell}"`);
    assert.match(html, /<h3 id="RICH_2_1" class="h2">RICH-2.1: A sub-requirement<\/h3>/);
  });

  it('is pure: no file system or Node built-ins in server/src/docx', () => {
    const dir = path.join(ROOT, 'server/src/docx');
    for (const f of fs.readdirSync(dir)) {
      const src = fs.readFileSync(path.join(dir, f), 'utf8');
      assert.ok(!/from ['"](node:|fs|path|child_process|os)['"/]/.test(src), `${f} imports a Node built-in`);
      assert.ok(!/\bprocess\./.test(src), `${f} reads process`);
    }
  });
});
