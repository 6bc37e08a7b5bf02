/** Review sidecars: anchoring in every state, round trips that lose nothing, and concurrent writes. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { anchorNote, parseReview, parseSpec } from '../../server/src/core/index.js';
import { addNote, addReply, setStatus, moveNote, newReviewText } from '../../server/src/core/review/edit.js';
import { updateSidecar, SidecarWriteError } from '../../server/src/node/sidecarWrite.js';
import { joinLines } from '../helpers/golden.js';

const SPEC = parseSpec(
  joinLines(
    '---',
    'id: ehch',
    'title: T',
    'version: 1',
    'status: final',
    'published: 2020-03-31',
    '---',
    '### EHCH-1: Named lead',
    'The network names a *clinical*   lead for each `care home`.',
    '',
    '- **Deadline:** 2020-10-01',
    '- **Funding:** care-home-premium',
    '- **Deliverability:** green: leads in post',
    '',
    '### EHCH-3: Weekly round',
    'Each home receives a weekly round. Medical input is agreed locally.',
    '',
    '- **Deadline:** 2020-10-01',
    '- **Funding:** arrs',
    '- **Deliverability:** amber: nurse time',
    '',
  ),
);

function note(fields: string): ReturnType<typeof parseReview>['notes'][number] {
  const r = parseReview(`spec: ehch.spec.md\nnotes:\n  - id: n\n    stance: object\n${fields.replace(/^/gm, '    ')}\n`);
  assert.deepEqual(r.problems, []);
  return r.notes[0]!;
}

describe('review anchoring', () => {
  it('is ok when the named requirement holds the quote, ignoring Markdown markers and spacing', () => {
    assert.deepEqual(anchorNote(note('requirement: EHCH-1\nquote: names a clinical lead for each care home'), SPEC), {
      state: 'ok',
      currentRequirement: 'EHCH-1',
    });
    assert.deepEqual(anchorNote(note('requirement: EHCH-3'), SPEC), { state: 'ok', currentRequirement: 'EHCH-3' });
  });

  it('looks only in the named field when there is one, case-sensitively', () => {
    assert.equal(anchorNote(note('requirement: EHCH-1\nfield: Funding\nquote: care-home-premium'), SPEC).state, 'ok');
    assert.equal(anchorNote(note('requirement: EHCH-1\nfield: Deadline\nquote: care-home-premium'), SPEC).state, 'stale');
    assert.equal(anchorNote(note('requirement: EHCH-1\nquote: Names a clinical lead'), SPEC).state, 'stale');
  });

  it('follows a quote or a snapshot to exactly one other requirement', () => {
    assert.deepEqual(anchorNote(note('requirement: EHCH-9\nquote: Medical input is agreed locally'), SPEC), {
      state: 'reanchored',
      currentRequirement: 'EHCH-3',
    });
    assert.deepEqual(anchorNote(note('requirement: EHCH-1\nquote: Medical input is agreed locally'), SPEC), {
      state: 'reanchored',
      currentRequirement: 'EHCH-3',
    });
    assert.deepEqual(anchorNote(note('requirement: EHCH-7\nsnapshot: Weekly round. Each home receives a weekly round.'), SPEC), {
      state: 'reanchored',
      currentRequirement: 'EHCH-3',
    });
  });

  it('is stale when the text changed and orphaned when the requirement is gone', () => {
    assert.deepEqual(anchorNote(note('requirement: EHCH-3\nquote: GP-led at least fortnightly'), SPEC), { state: 'stale', currentRequirement: 'EHCH-3' });
    assert.deepEqual(anchorNote(note('requirement: EHCH-7\nquote: secure email'), SPEC), { state: 'orphaned' });
    assert.deepEqual(anchorNote(note('requirement: EHCH-7'), SPEC), { state: 'orphaned' });
    // Found in two others: not exactly one, so not reanchored.
    assert.deepEqual(anchorNote(note('requirement: EHCH-7\nquote: Deadline'), SPEC), { state: 'orphaned' });
  });
});

describe('review sidecar edits', () => {
  const BASE = joinLines(
    '# Kept comment',
    'spec: ehch.spec.md  # relative to this file',
    'reviewer: BBO LMCs',
    'custom-top: kept',
    'notes:',
    '  - id: a',
    '    requirement: EHCH-1',
    '    stance: object',
    '    status: open',
    '    x-extra: kept too',
    '    body: First.',
    '',
  );

  it('round-trips: adding, replying and changing status loses nothing and keeps comments and unknown keys', () => {
    type Op = { kind: 'add'; req: string } | { kind: 'reply'; n: number } | { kind: 'status'; n: number; status: 'open' | 'resolved' | 'withdrawn' };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), req: fc.constantFrom('EHCH-1', 'EHCH-3', 'SMR-2.1') }),
      fc.record({ kind: fc.constant('reply' as const), n: fc.nat() }),
      fc.record({ kind: fc.constant('status' as const), n: fc.nat(), status: fc.constantFrom('open' as const, 'resolved' as const, 'withdrawn' as const) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 12 }), fc.string({ maxLength: 40 }), (ops, words) => {
        let text = BASE;
        const expected = new Map<string, { replies: number; status: string }>([['a', { replies: 0, status: 'open' }]]);
        for (const o of ops) {
          const ids = [...expected.keys()];
          if (o.kind === 'add') {
            const r = addNote(text, { requirement: o.req, stance: 'concern', body: `Body ${words}`, created: '2020-01-10' });
            text = r.text;
            expected.set(r.id, { replies: 0, status: 'open' });
          } else if (o.kind === 'reply') {
            const id = ids[o.n % ids.length]!;
            text = addReply(text, id, { author: 'NHSE', created: '2020-02-06', body: `Reply ${words}` });
            expected.get(id)!.replies++;
          } else {
            const id = ids[o.n % ids.length]!;
            text = setStatus(text, id, o.status);
            expected.get(id)!.status = o.status;
          }
          const back = parseReview(text);
          assert.deepEqual(back.problems, []);
          assert.deepEqual(
            back.notes.map((n) => [n.id, n.replies.length, n.status]),
            [...expected].map(([id, e]) => [id, e.replies, e.status]),
          );
          assert.ok(back.notes.every((n) => n.id === 'a' || n.body === `Body ${words}`));
        }
        assert.match(text, /^# Kept comment\n/);
        assert.match(text, /# relative to this file/);
        assert.match(text, /custom-top: kept/);
        assert.match(text, /x-extra: kept too/);
      }),
      { numRuns: 150 },
    );
  });

  it('creates a new sidecar and moves a note to a new requirement', () => {
    let text = newReviewText('ehch.spec.md', 'LMC');
    text = addNote(text, { requirement: 'EHCH-1', stance: 'question', body: 'Who?', created: '2020-01-10' }).text;
    text = moveNote(text, 'note-1', 'EHCH-3');
    const r = parseReview(text);
    assert.deepEqual(r.problems, []);
    assert.equal(r.notes[0]!.requirement, 'EHCH-3');
  });

  it('refuses to rewrite a malformed sidecar', () => {
    assert.throws(() => addNote('spec: x\nnotes: [oops\n', { requirement: 'EHCH-1', stance: 'object', body: 'x', created: '2020-01-01' }), /malformed/);
    assert.throws(() => setStatus(BASE.replace('stance: object', 'stance: grumble'), 'a', 'resolved'), /malformed/);
  });
});

describe('sidecar writes on disk', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sscar-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('merges a change made on disk while writing: both notes survive', () => {
    const file = path.join(dir, 'ehch.review.yaml');
    fs.writeFileSync(file, newReviewText('ehch.spec.md', 'LMC'));
    let interfered = false;
    updateSidecar(file, (t) => addNote(t, { id: 'mine', requirement: 'EHCH-1', stance: 'object', body: 'Mine.', created: '2020-01-10' }).text, undefined, {
      beforeRename: () => {
        if (interfered) return;
        interfered = true;
        // Someone else adds a note between our read and our rename.
        fs.writeFileSync(
          file,
          addNote(fs.readFileSync(file, 'utf8'), { id: 'theirs', requirement: 'EHCH-3', stance: 'concern', body: 'Theirs.', created: '2020-01-11' }).text,
        );
      },
    });
    assert.deepEqual(
      parseReview(fs.readFileSync(file, 'utf8')).notes.map((n) => n.id),
      ['theirs', 'mine'],
    );
    assert.deepEqual(
      fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')),
      [],
      'no temporary file left behind',
    );
  });

  it('refuses, with a clear message, when the file keeps changing; and never touches a malformed one', () => {
    const file = path.join(dir, 'ehch.review.yaml');
    fs.writeFileSync(file, newReviewText('ehch.spec.md', 'LMC'));
    let n = 0;
    assert.throws(
      () => updateSidecar(file, (t) => t + `# ${n}\n`, undefined, { beforeRename: () => fs.appendFileSync(file, `# other ${n++}\n`) }),
      (e: unknown) => e instanceof SidecarWriteError && /kept changing/.test((e as Error).message),
    );
    fs.writeFileSync(file, 'notes: [broken\n');
    assert.throws(() => updateSidecar(file, (t) => setStatus(t, 'a', 'resolved')), /malformed/);
    assert.equal(fs.readFileSync(file, 'utf8'), 'notes: [broken\n');
  });
});
