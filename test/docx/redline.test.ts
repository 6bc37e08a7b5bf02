/**
 * The redline: NEW's publication with tracked changes against OLD's. Accepting every change gives NEW's
 * export, rejecting every change OLD's (read with the test reader, not the writer's model), on the samples
 * and on random pairs of specs; unchanged requirements carry no change; added, removed, moved and
 * renumbered requirements are shown as such.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { CostBasis } from '../../server/src/docx/publication.js';
import { exportDocx } from '../../server/src/docx/export.js';
import { redlineDocx } from '../../server/src/docx/redline.js';
import { parseSpec } from '../../server/src/core/parse.js';
import { FIXTURES, lines, SAMPLE_PAIRS, samplesBasis, spec } from './helpers.js';
import { all, type El, kid, kids, readDocx, textOf } from './ooxml.js';

const basis = samplesBasis();

function assertAcceptReject(oldText: string, newText: string, b: CostBasis = basis, nb: CostBasis = b): void {
  const o = parseSpec(oldText);
  const n = parseSpec(newText);
  const red = redlineDocx(o, n, b, nb);
  assert.deepEqual(lines(red, 'accept'), lines(exportDocx(n, nb)), 'accept all = NEW');
  assert.deepEqual(lines(red, 'reject'), lines(exportDocx(o, b)), 'reject all = OLD');
}

const FM = (version: string, published: string, extra = '') =>
  `---\nid: t\ntitle: Test spec\nversion: ${version}\nstatus: draft\npublished: ${published}\n${extra}---\n# Test spec\n\n`;

const OLD = fs.readFileSync(path.join(FIXTURES, 'versions/old/t.spec.md'), 'utf8');
const NEW = fs.readFileSync(path.join(FIXTURES, 'versions/new/t.spec.md'), 'utf8');

/** Body blocks from the heading paragraph starting with `heading` (its `n`-th occurrence) to its cost line. */
function blocksOf(body: El, heading: string, n = 0): El[] {
  const blocks = kids(body);
  const starts = blocks.map((b, i) => (b.name === 'w:p' && textOf(b).startsWith(heading) ? i : -1)).filter((i) => i >= 0);
  assert.ok(starts.length > n, `${heading} occurs ${starts.length} times`);
  const rest = blocks.slice(starts[n]!);
  const cost = rest.findIndex((b) => b.name === 'w:p' && /^Cost \(/.test(textOf(b)));
  return rest.slice(0, cost + 1);
}

const changes = (els: El[]) => els.flatMap((e) => [...all(e, 'w:ins'), ...all(e, 'w:del')]);
const markChange = (p: El) => {
  const rPr = kid(kid(p, 'w:pPr') ?? { name: '', attrs: {}, children: [] }, 'w:rPr');
  return rPr ? (kid(rPr, 'w:ins') ? 'ins' : kid(rPr, 'w:del') ? 'del' : undefined) : undefined;
};
/** Text inside w:ins (or w:del) elements of an element, in order. */
const changedText = (el: El, name: 'w:ins' | 'w:del') =>
  all(el, name)
    .filter((c) => c.children.length)
    .map(textOf)
    .join('|');

describe('docx redline', () => {
  const red = () => readDocx(redlineDocx(parseSpec(OLD), parseSpec(NEW), basis, basis, { author: 'LMC' }));

  it('accept all gives NEW, reject all gives OLD (hand-made pair)', () => assertAcceptReject(OLD, NEW));

  for (const pair of SAMPLE_PAIRS)
    it(`accept all gives NEW, reject all gives OLD: samples ${pair.id}, default and lmc`, () => {
      const o = spec(pair.old);
      const n = spec(pair.new);
      for (const b of [basis, samplesBasis('lmc')]) {
        const bytes = redlineDocx(o, n, b, b);
        assert.deepEqual(lines(bytes, 'accept'), lines(exportDocx(n, b)));
        assert.deepEqual(lines(bytes, 'reject'), lines(exportDocx(o, b)));
      }
    });

  it('leaves unchanged requirements without any tracked change', () => {
    const d = red();
    assert.deepEqual(changes(blocksOf(d.body, 'T-1:')), []);
    assert.ok(blocksOf(d.body, 'T-1:').every((b) => b.name !== 'w:p' || markChange(b) === undefined));
  });

  it('shows changed words inside a requirement, its fields and the front-matter', () => {
    const d = red();
    const t2 = blocksOf(d.body, 'T-2:');
    assert.equal(changedText(t2[1]!, 'w:del'), 'quarter');
    assert.equal(changedText(t2[1]!, 'w:ins'), 'month');
    const fields = t2.find((b) => b.name === 'w:tbl')!;
    assert.equal(changedText(fields, 'w:del'), '2020-09-30|green');
    assert.equal(changedText(fields, 'w:ins'), '2020-12-31|amber');
    const fm = kids(d.body, 'w:tbl')[0]!;
    assert.equal(changedText(fm, 'w:del'), 'v1|2020-01-15');
    assert.equal(changedText(fm, 'w:ins'), 'v2|2020-03-31');
    // The heading did not change: no change in it.
    assert.deepEqual(changes([t2[0]!]), []);
  });

  it('deletes a removed requirement whole and inserts an added one whole', () => {
    const d = red();
    const gone = blocksOf(d.body, 'T-3:');
    for (const p of gone.filter((b) => b.name === 'w:p')) {
      assert.equal(markChange(p), 'del');
      assert.deepEqual(all(p, 'w:t'), [], 'no text left outside deletions');
    }
    for (const t of gone.filter((b) => b.name === 'w:tbl')) for (const tr of kids(t, 'w:tr')) assert.ok(kid(kid(tr, 'w:trPr')!, 'w:del'));
    const added = blocksOf(d.body, 'T-6:');
    for (const p of added.filter((b) => b.name === 'w:p')) {
      assert.equal(markChange(p), 'ins');
      assert.equal(textOf(p), changedText(p, 'w:ins').replace(/\|/g, ''));
    }
  });

  it('shows a moved requirement deleted at its old place and inserted at its new one', () => {
    const d = red();
    const paras = kids(d.body, 'w:p').map((p) => textOf(p));
    const sectionB = paras.indexOf('Section B');
    const first = blocksOf(d.body, 'T-4:', 0);
    const second = blocksOf(d.body, 'T-4:', 1);
    assert.ok(paras.indexOf(textOf(first[0]!)) < sectionB);
    assert.equal(markChange(first[0]!), 'del');
    assert.equal(markChange(second[0]!), 'ins');
    assert.ok(paras.lastIndexOf(textOf(second[0]!)) > sectionB);
  });

  it('shows a renumbered id as the old id deleted and the new one inserted, the rest of the heading untouched', () => {
    const d = red();
    const heading = blocksOf(d.body, 'T-5')[0]!;
    assert.equal(changedText(heading, 'w:del'), 'T-5');
    assert.equal(changedText(heading, 'w:ins'), 'T-7');
    const plain = kids(heading, 'w:r').map(textOf).join('');
    assert.equal(plain, ': Epsilon renumbered');
    assert.equal(markChange(heading), undefined);
    const bookmark = all(heading, 'w:bookmarkStart')[0];
    assert.equal(bookmark?.attrs['w:name'], 'T_7');
  });

  it("dates every change on NEW's published day at 12:00 UTC under the given author, and turns Track Changes on", () => {
    const d = red();
    const marks = [...all(d.document, 'w:ins'), ...all(d.document, 'w:del')];
    assert.ok(marks.length > 10);
    for (const m of marks) {
      assert.equal(m.attrs['w:author'], 'LMC');
      assert.equal(m.attrs['w:date'], '2020-03-31T12:00:00Z');
    }
    const ids = marks.map((m) => m.attrs['w:id']);
    assert.equal(new Set(ids).size, ids.length, 'change ids are unique');
    assert.ok(all(d.part('word/settings.xml')!, 'w:trackRevisions').length);
    const plain = readDocx(redlineDocx(parseSpec(OLD), parseSpec(NEW), basis, basis));
    assert.ok(all(plain.document, 'w:ins').every((m) => m.attrs['w:author'] === 'service-spec'));
  });

  it('changes cost lines only when the configuration does', () => {
    const d = readDocx(redlineDocx(spec('samples/2019-12-draft/ehch.spec.md'), spec('samples/2020-03-final/ehch.spec.md'), basis, samplesBasis('lmc')));
    const costs = kids(d.body, 'w:p').filter((p) => /Cost \(/.test(textOf(p)));
    assert.ok(costs.some((p) => changedText(p, 'w:ins').includes('profile lmc')));
    const same = readDocx(redlineDocx(parseSpec(OLD), parseSpec(NEW), basis, basis));
    const costOf = (heading: string) => blocksOf(same.body, heading).at(-1)!;
    assert.deepEqual(changes([costOf('T-1:'), costOf('T-2:')]), [], 'same configuration, same workload: no change');
    assert.equal(changedText(costOf('T-5'), 'w:del').length > 0, true, 'the workload changed, so the cost did');
  });

  it('redlines a spec with no earlier version as all inserted, and one with no later version as all deleted', () => {
    const n = parseSpec(NEW);
    const added = redlineDocx(undefined, n, basis, basis);
    assert.deepEqual(lines(added, 'accept'), lines(exportDocx(n, basis)));
    assert.ok(lines(added, 'reject').every((l) => l === ''));
    const removed = redlineDocx(n, undefined, basis, basis);
    assert.deepEqual(lines(removed, 'reject'), lines(exportDocx(n, basis)));
  });

  it('keeps a deleted table and an inserted one apart with a paragraph in neither version', () => {
    const tableA = '| a | b |\n|---|---|\n| 1 | 2 |\n';
    const tableB = '| a | b | c |\n|---|---|---|\n| 1 | 2 | 3 |\n';
    const o = FM('v1', '2020-01-15') + `## S\n\n${tableA}`;
    const n = FM('v2', '2020-03-31') + `## S\n\n${tableB}`;
    assertAcceptReject(o, n);
    const body = kids(readDocx(redlineDocx(parseSpec(o), parseSpec(n), basis, basis)).body);
    for (let i = 1; i < body.length; i++) assert.ok(!(body[i]!.name === 'w:tbl' && body[i - 1]!.name === 'w:tbl'), 'two tables side by side');
  });

  describe('property: accept all = NEW, reject all = OLD on random pairs of specs', () => {
    const WORDS = [
      'care',
      'home',
      'round',
      'weekly',
      'GP',
      'leads',
      'the',
      'network',
      'each',
      'practice',
      'patients',
      'review',
      '**plan**',
      '*record*',
      '`code`',
      'a',
      'of',
    ];
    const word = fc.constantFrom(...WORDS);
    const sentence = fc.array(word, { minLength: 1, maxLength: 8 }).map((ws) => `${ws.join(' ')}.`);
    const workloadRow = fc.record({
      role: fc.constantFrom('gp', 'admin', 'practice-nurse'),
      minutes: fc.integer({ min: 1, max: 90 }),
      every: fc.constantFrom('week', 'month', 'year'),
      per: fc.constantFrom('patient', 'practice', 'care-home'),
    });
    const requirement = fc.record({
      title: fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => ws.join(' ')),
      prose: fc.array(sentence, { maxLength: 3 }),
      deadline: fc.option(fc.constantFrom('2020-09-30', 'ongoing', '2021-03-31'), { nil: undefined }),
      funding: fc.option(fc.subarray(['arrs', 'core-pcn', 'care-home-premium'], { minLength: 1 }), { nil: undefined }),
      deliverability: fc.option(sentence, { nil: undefined }),
      workload: fc.array(workloadRow, { maxLength: 3 }),
      section: fc.nat(2),
    });
    type Req = typeof requirement extends fc.Arbitrary<infer T> ? T : never;
    const edit = fc.record({
      fate: fc.constantFrom('same', 'same', 'prose', 'fields', 'workload', 'drop', 'section', 'renumber', 'title'),
      prose: fc.array(sentence, { maxLength: 3 }),
      req: requirement,
    });
    const specText = (version: string, published: string, sections: string[], reqs: { id: string; r: Req }[]) => {
      let out = FM(version, published);
      let section = -1;
      for (const { id, r } of reqs) {
        if (r.section !== section) {
          section = r.section;
          out += `## ${sections[section]}\n\n`;
        }
        const fields = [
          r.deadline ? `- **Deadline:** ${r.deadline}` : '',
          r.funding ? `- **Funding:** ${r.funding.join(', ')}` : '',
          r.deliverability ? `- **Deliverability:** ${r.deliverability}` : '',
        ].filter(Boolean);
        const workload = r.workload.length
          ? `\n\`\`\`workload\n${r.workload.map((w) => `- role: ${w.role}\n  minutes: ${w.minutes}\n  every: ${w.every}\n  per: ${w.per}`).join('\n')}\n\`\`\`\n`
          : '';
        out += `### ${id}: ${r.title}\n${r.prose.join('\n\n')}\n\n${fields.join('\n')}\n${workload}\n`;
      }
      return out;
    };
    const pair = fc
      .record({
        sections: fc.tuple(fc.constantFrom('Leadership', 'Care'), fc.constantFrom('Referral', 'Plans of care'), fc.constantFrom('Screening', 'Other work')),
        newSections: fc.tuple(fc.constantFrom('Leadership', 'Care'), fc.constantFrom('Referral', 'Plans'), fc.constantFrom('Screening', 'Other work')),
        base: fc.array(requirement, { maxLength: 7 }),
        edits: fc.array(edit, { minLength: 7, maxLength: 7 }),
        added: fc.array(fc.tuple(fc.nat(8), requirement), { maxLength: 3 }),
        published: fc.constantFrom('2020-03-31', '2020-01-15'),
      })
      .map(({ sections, newSections, base, edits, added, published }) => {
        const olds = base.map((r, i) => ({ id: `T-${i + 1}`, r }));
        const news: { id: string; r: Req }[] = [];
        olds.forEach(({ id, r }, i) => {
          const e = edits[i]!;
          if (e.fate === 'drop') return;
          const n = { ...r };
          if (e.fate === 'prose') n.prose = e.prose;
          if (e.fate === 'fields') Object.assign(n, { deadline: e.req.deadline, funding: e.req.funding, deliverability: e.req.deliverability });
          if (e.fate === 'workload') n.workload = e.req.workload;
          if (e.fate === 'section') n.section = e.req.section;
          if (e.fate === 'title') n.title = e.req.title;
          news.push({ id: e.fate === 'renumber' ? `T-${100 + i}` : id, r: n });
        });
        added.forEach(([at, r], k) => {
          news.splice(Math.min(at, news.length), 0, { id: `T-${300 + k}`, r });
        });
        return { old: specText('v1', '2020-01-15', sections, olds), new: specText('v2', published, newSections, news) };
      });

    it('holds', () => {
      fc.assert(
        fc.property(pair, ({ old, new: nu }) => assertAcceptReject(old, nu)),
        { numRuns: Number(process.env.DOCX_PROPERTY_RUNS ?? 40) },
      );
    });
  });
});
