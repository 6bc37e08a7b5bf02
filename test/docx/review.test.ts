/** The review document: every note as a Word comment, where it belongs, with its thread and status. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { reviewDocx } from '../../server/src/docx/review.js';
import { FIXTURES, samplesBasis, sidecar, spec } from './helpers.js';
import { all, type Docx, type El, kids, readDocx, textOf, walk } from './ooxml.js';

const basis = samplesBasis();
const fixture = () => spec(path.join(FIXTURES, 'review.spec.md'));

/** Text covered by each comment's range, whitespace collapsed; and the paragraph (its text) it starts in. */
function commented(d: Docx): Map<string, { text: string; startsIn: string }> {
  const out = new Map<string, { text: string; startsIn: string }>();
  const open = new Set<string>();
  const paraOf = new Map<El, string>();
  for (const p of all(d.body, 'w:p')) paraOf.set(p, textOf(p));
  const visit = (el: El, para: El | undefined) => {
    for (const c of el.children) {
      if (typeof c === 'string') continue;
      const p = c.name === 'w:p' ? c : para;
      if (c.name === 'w:commentRangeStart') {
        open.add(c.attrs['w:id']!);
        out.set(c.attrs['w:id']!, { text: '', startsIn: p ? paraOf.get(p)! : '' });
      } else if (c.name === 'w:commentRangeEnd') open.delete(c.attrs['w:id']!);
      else if (c.name === 'w:t') for (const id of open) out.get(id)!.text += c.children.join('');
      else visit(c, p);
      if (c.name === 'w:p') for (const id of open) out.get(id)!.text += ' ';
    }
  };
  visit(d.body, undefined);
  for (const v of out.values()) v.text = v.text.replace(/\s+/g, ' ').trim();
  return out;
}

interface C {
  id: string;
  author: string;
  initials: string;
  date: string;
  paras: string[];
  paraId: string;
}

function comments(d: Docx): C[] {
  const part = d.part('word/comments.xml');
  if (!part) return [];
  return kids(part, 'w:comment').map((c) => {
    const ps = kids(c, 'w:p');
    return {
      id: c.attrs['w:id']!,
      author: c.attrs['w:author']!,
      initials: c.attrs['w:initials']!,
      date: c.attrs['w:date']!,
      paras: ps.map(textOf),
      paraId: ps[ps.length - 1]!.attrs['w14:paraId']!,
    };
  });
}

function extended(d: Docx): Map<string, { done: boolean; parent?: string }> {
  const out = new Map<string, { done: boolean; parent?: string }>();
  const part = d.part('word/commentsExtended.xml');
  if (!part) return out;
  for (const e of kids(part, 'w15:commentEx'))
    out.set(e.attrs['w15:paraId']!, { done: e.attrs['w15:done'] === '1', ...(e.attrs['w15:paraIdParent'] ? { parent: e.attrs['w15:paraIdParent'] } : {}) });
  return out;
}

describe('docx review document', () => {
  const doc = () => reviewDocx(fixture(), basis, [{ review: sidecar(path.join(FIXTURES, 'review.review.yaml')) }]);

  it('anchors each note: on its quote, on the heading without a quote or when stale, on the title when orphaned', () => {
    const r = doc();
    assert.deepEqual(
      r.notes.map((n) => [n.note.id, n.anchor.state, n.on]),
      [
        ['n1', 'ok', 'quote'],
        ['n2', 'ok', 'quote'],
        ['n3', 'ok', 'heading'],
        ['n4', 'stale', 'heading'],
        ['n5', 'orphaned', 'title'],
      ],
    );
    const ranges = commented(readDocx(r.bytes));
    const of = (note: string) => ranges.get(String(r.notes.find((n) => n.note.id === note)!.commentId))!;
    // Markdown markers ignored and whitespace collapsed: the quote is found across `**weekly**` and a line break.
    assert.deepEqual(of('n1'), {
      text: 'weekly home round; a GP leads it at least fortnightly',
      startsIn: 'Every care home receives a weekly home round; a GP leads it at least fortnightly.',
    });
    assert.deepEqual(of('n2'), { text: 'one GP session per home', startsIn: 'red: needs about one GP session per home per fortnight.' });
    assert.deepEqual(of('n3'), { text: 'REV-2: Named clinical lead', startsIn: 'REV-2: Named clinical lead' });
    assert.deepEqual(of('n4'), { text: 'REV-2: Named clinical lead', startsIn: 'REV-2: Named clinical lead' });
    assert.deepEqual(of('n5'), { text: 'Review fixture', startsIn: 'Review fixture' });
    // Each note's comment has its reference mark.
    const refs = new Set(all(readDocx(r.bytes).body, 'w:commentReference').map((e) => e.attrs['w:id']));
    for (const n of r.notes) assert.ok(refs.has(String(n.commentId)));
  });

  it('gives each comment its author, initials, date at 12:00 UTC and a body led by the stance', () => {
    const cs = comments(readDocx(doc().bytes));
    const top = cs.filter((c) => ['0', '3', '4', '5', '6'].includes(c.id));
    assert.deepEqual(
      top.map((c) => [c.author, c.initials, c.date, c.paras]),
      [
        ['Ann Other', 'AO', '2020-01-20T12:00:00.000Z', ['Object: No practice has spare GP sessions.', 'Remove the frequency unless it is funded.']],
        ['Bob Smith', 'BS', '2020-01-21T12:00:00.000Z', ['Concern: Where does this figure come from?']],
        ['Ann Other', 'AO', '2020-01-20T12:00:00.000Z', ['Support (withdrawn): A named lead is sensible.']],
        ['Carol', 'C', '2020-01-24T12:00:00.000Z', ['Question: Stale note.']],
        ['Test LMC', 'TL', '2020-01-25T12:00:00.000Z', ['Comment: Orphaned note.']],
      ],
    );
  });

  it('threads replies under their note and marks resolved and withdrawn notes done', () => {
    const d = readDocx(doc().bytes);
    const cs = comments(d);
    const ext = extended(d);
    const byId = new Map(cs.map((c) => [c.id, c]));
    const replies = cs.filter((c) => ext.get(c.paraId)?.parent);
    assert.deepEqual(
      replies.map((c) => [c.author, c.date, c.paras, ext.get(c.paraId)!.parent]),
      [
        ['Commissioner', '2020-01-22T12:00:00.000Z', ['Noted; we will look again.'], byId.get('0')!.paraId],
        ['Ann Other', '2020-01-23T12:00:00.000Z', ['Thank you.'], byId.get('0')!.paraId],
      ],
    );
    const done = (id: string) => ext.get(byId.get(id)!.paraId)!.done;
    assert.equal(done('0'), false, 'open');
    assert.equal(done('3'), true, 'resolved');
    assert.equal(done('4'), true, 'withdrawn');
    assert.equal(done('5'), false);
    // Replies are anchored on their note's range, as Word anchors them: every comment has a range and a reference.
    const ids = cs.map((c) => c.id).sort();
    assert.deepEqual(
      all(d.body, 'w:commentRangeStart')
        .map((e) => e.attrs['w:id'])
        .sort(),
      ids,
    );
    assert.deepEqual(
      all(d.body, 'w:commentReference')
        .map((e) => e.attrs['w:id'])
        .sort(),
      ids,
    );
    const ranges = commented(d);
    assert.deepEqual(ranges.get('1'), ranges.get('0'));
  });

  it('marks a resolved note done when no comment has a reply (commentsExtended written, typed and related)', () => {
    const r = reviewDocx(fixture(), basis, [{ review: sidecar(path.join(FIXTURES, 'resolved.review.yaml')) }]);
    const d = readDocx(r.bytes);
    const [c] = comments(d);
    assert.ok(c);
    assert.equal(extended(d).get(c.paraId)?.done, true);
    assert.match(d.text('[Content_Types].xml')!, /PartName="\/word\/commentsExtended\.xml"/);
    assert.match(d.text('word/_rels/document.xml.rels')!, /relationships\/commentsExtended" Target="commentsExtended.xml"/);
    // One relationship id each.
    const ids = [...d.text('word/_rels/document.xml.rels')!.matchAll(/Id="(rId\d+)"/g)].map((m) => m[1]);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('puts the notes of every sidecar in one document; a document without notes has no comments part', () => {
    const both = reviewDocx(fixture(), basis, [
      { review: sidecar(path.join(FIXTURES, 'review.review.yaml')) },
      { review: sidecar(path.join(FIXTURES, 'resolved.review.yaml')) },
    ]);
    assert.equal(both.notes.length, 6);
    assert.equal(comments(readDocx(both.bytes)).length, 8);
    const none = reviewDocx(fixture(), basis, []);
    assert.equal(readDocx(none.bytes).files['word/comments.xml'], undefined);
  });

  it('anchors the samples: reanchored notes under their current requirement', () => {
    const r = reviewDocx(spec('samples/2020-03-final/smr.spec.md'), basis, [{ review: sidecar('samples/2020-03-final/smr.review.yaml') }]);
    for (const n of r.notes) {
      if (n.anchor.state === 'orphaned') assert.equal(n.on, 'title');
      else assert.equal(n.requirement, n.anchor.currentRequirement);
    }
    const d = readDocx(r.bytes);
    const ranges = commented(d);
    for (const n of r.notes.filter((x) => x.on === 'heading'))
      assert.ok(ranges.get(String(n.commentId))!.text.startsWith(`${n.requirement}: `), 'a heading comment covers the heading');
    // Comment ranges never cross a table row or a heading by accident: each starts and ends in the same paragraph here.
    for (const p of all(d.body, 'w:p')) {
      const starts = [...walk(p)].filter((e) => e.name === 'w:commentRangeStart').map((e) => e.attrs['w:id']);
      const ends = [...walk(p)].filter((e) => e.name === 'w:commentRangeEnd').map((e) => e.attrs['w:id']);
      assert.deepEqual(starts.sort(), ends.sort());
    }
  });
});
