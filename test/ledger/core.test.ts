/** The ledger's core: threads, keys, history entries, note outcomes, summaries, the one-line history. */
import * as assert from 'node:assert/strict';
import { defaultConfig } from '../../server/src/core/config.js';
import { findThread, historyLine, ledgerDocument, requirementHistory, type LedgerThread } from '../../server/src/core/ledger/index.js';
import { ledgerOf, sidecarText, specText, version, type Req } from './helpers.js';

const X: Req = { id: 'A-1', title: 'Weekly round in every home', prose: 'Each home receives a weekly round by the team.' };
const Y: Req = { id: 'A-2', title: 'Named clinical lead', prose: 'The network names a clinical lead for each home.' };
const Z: Req = { id: 'A-3', title: 'Shared care records', prose: 'Homes can see the records that visiting clinicians keep.' };
const NEW: Req = { id: 'A-1', title: 'Alignment with one network', prose: 'Every home is aligned to exactly one network by its commissioner.' };

/** A reviewer's name that must stay a name. */
const PROTO = ['__', 'proto', '__'].join('');
const keys = (threads: LedgerThread[]) => threads.map((t) => t.key);
const ids = (t: LedgerThread) => t.history.map((e) => `${e.version}:${e.id ?? '-'}:${e.change}`);
const one = (text: string, sidecars: { text: string }[] = []) => ({ specs: [{ text }], sidecars });

describe('ledger: threads', () => {
  it('follows each requirement through a renumbering (one inserted at the top shifts every id)', () => {
    const l = ledgerOf(one(specText('p', 'v1', [X, Y])), one(specText('p', 'v2', [NEW, { ...X, id: 'A-2' }, { ...Y, id: 'A-3' }])));
    assert.deepEqual(keys(l.threads), ['A-2', 'A-3', 'A-1']);
    assert.deepEqual(ids(l.threads[0]!), ['v1:A-1:present', 'v2:A-2:renumbered']);
    assert.deepEqual(ids(l.threads[1]!), ['v1:A-2:present', 'v2:A-3:renumbered']);
    assert.deepEqual(ids(l.threads[2]!), ['v2:A-1:added']);
  });

  it('ends a removed requirement with a removed entry, and gives an id reused later the version it was removed in', () => {
    const l = ledgerOf(one(specText('p', 'v1', [X, Y])), one(specText('p', 'v2', [X])), one(specText('p', 'v3', [X, { ...Z, id: 'A-2' }])));
    assert.deepEqual(keys(l.threads), ['A-1', 'A-2@v2', 'A-2']);
    assert.deepEqual(ids(l.threads[1]!), ['v1:A-2:present', 'v2:-:removed']);
    const removed = l.threads[1]!.history[1]!;
    assert.deepEqual([removed.deadline, removed.funding, removed.rating, removed.costPerPractice], [null, null, null, null]);
    assert.deepEqual(ids(l.threads[2]!), ['v3:A-2:added']);
    assert.deepEqual(ids(l.threads[0]!), ['v1:A-1:present', 'v2:A-1:unchanged', 'v3:A-1:unchanged']);
  });

  it('keeps an id without a suffix when no later thread reuses it', () => {
    const l = ledgerOf(one(specText('p', 'v1', [X, Y])), one(specText('p', 'v2', [X])));
    assert.deepEqual(keys(l.threads), ['A-1', 'A-2']);
  });

  it('gives a spec that disappears a removed entry with no version; when it comes back its requirements start again', () => {
    const q = specText('q', 'v1', [{ ...Y, id: 'Q-1' }]);
    const l = ledgerOf({ specs: [{ text: specText('p', 'v1', [X]) }, { text: q }] }, one(specText('p', 'v2', [X])), {
      specs: [{ text: specText('p', 'v3', [X]) }, { text: q.replace('version: "v1"', 'version: "v3"') }],
    });
    const qs = l.threads.filter((t) => t.spec === 'q');
    assert.deepEqual(keys(qs), ['Q-1@v2', 'Q-1']);
    assert.deepEqual(ids(qs[0]!), ['v1:Q-1:present', 'null:-:removed']);
    assert.deepEqual(ids(qs[1]!), ['v3:Q-1:added']);
  });

  it('records a move to another section as moved, and a renumbered requirement that also moved as renumbered', () => {
    const a = specText('p', 'v1', [
      { ...X, section: 'Rounds' },
      { ...Y, section: 'Rounds' },
    ]);
    const b = specText('p', 'v2', [
      { ...X, section: 'Rounds' },
      { ...Y, section: 'Leadership' },
    ]);
    const c = specText('p', 'v3', [
      { ...X, section: 'Rounds' },
      { ...Y, id: 'A-9', section: 'Rounds' },
    ]);
    const l = ledgerOf(one(a), one(b), one(c));
    const lead = l.threads.find((t) => t.key === 'A-9')!;
    assert.deepEqual(ids(lead), ['v1:A-2:present', 'v2:A-2:moved', 'v3:A-9:renumbered']);
    assert.equal(lead.history[2]!.moved, true);
  });

  it('threads several specs in spec-id order, and never pairs requirements of different specs', () => {
    const l = ledgerOf(
      { specs: [{ text: specText('zeta', 'v1', [X]) }, { text: specText('alpha', 'v1', [Y]) }] },
      { specs: [{ text: specText('alpha', 'v2', [X]) }, { text: specText('zeta', 'v2', [Y]) }] },
    );
    assert.deepEqual(
      l.threads.map((t) => `${t.spec}/${t.key}:${t.history.map((e) => e.change).join(',')}`),
      ['alpha/A-2:present,removed', 'alpha/A-1:added', 'zeta/A-1:present,removed', 'zeta/A-2:added'],
    );
  });
});

describe('ledger: history entries', () => {
  it('records deadline (ISO only), funding ids, rating in lower case and cost per practice under each version’s own configuration', () => {
    const workload = ['- role: gp', '  minutes: 60', '  every: week', '  per: pcn'];
    const r1: Req = { ...X, deadline: 'ongoing', funding: 'none', deliverability: 'Red: no GPs', workload };
    const r2: Req = { ...X, deadline: '2020-02-30', funding: 'arrs, core-pcn', deliverability: 'no rating here', workload };
    const r3: Req = { ...X, deadline: '2021-03-31', funding: 'arrs, core-pcn', deliverability: 'green: fine', workload };
    const dear = defaultConfig().config;
    dear.estimator.roles.gp!['hourly-cost'] = 200;
    const base = defaultConfig().config;
    const l = ledgerOf(one(specText('p', 'v1', [r1])), one(specText('p', 'v2', [r2])), { specs: [{ text: specText('p', 'v3', [r3]), config: dear }] });
    const h = l.threads[0]!.history;
    assert.deepEqual(
      h.map((e) => [e.deadline, e.funding, e.rating]),
      [
        [null, ['none'], 'red'],
        [null, ['arrs', 'core-pcn'], null],
        ['2021-03-31', ['arrs', 'core-pcn'], 'green'],
      ],
    );
    // 60 min a week for one PCN = 52 hours a year, per practice.
    const perPractice = (hourly: number, practices: number) => (52 * hourly) / practices;
    assert.ok(Math.abs(h[0]!.costPerPractice! - perPractice(base.estimator.roles.gp!['hourly-cost'], base.estimator.practices)) < 1e-9);
    assert.ok(Math.abs(h[2]!.costPerPractice! - perPractice(200, base.estimator.practices)) < 1e-9);
  });

  it('names each version by its specs’ common front-matter version, or null when they differ', () => {
    const l = ledgerOf(
      { specs: [{ text: specText('p', 'one', [X]) }, { text: specText('q', 'one', [Y]) }] },
      { specs: [{ text: specText('p', 'two', [X]) }, { text: specText('q', 'other', [Y]) }] },
    );
    assert.deepEqual(
      l.versions.map((v) => v.version),
      ['one', null],
    );
  });
});

describe('ledger: notes and their outcomes', () => {
  const v1 = specText('p', 'v1', [X, Y, Z]);
  // X's text changes; Y is renumbered only; Z is removed.
  const v2 = specText('p', 'v2', [
    { ...X, prose: 'Each home receives a round by the team, as often as agreed.' },
    { ...Y, id: 'A-5' },
  ]);
  const notes = sidecarText('p.spec.md', 'An LMC', [
    { id: 'quote-changed', requirement: 'A-1', quote: 'a weekly round' },
    { id: 'quote-kept', requirement: 'A-1', quote: 'receives a' },
    { id: 'no-quote-modified', requirement: 'A-1', stance: 'concern' },
    { id: 'no-quote-renumbered', requirement: 'A-2', stance: 'support' },
    { id: 'removed', requirement: 'A-3', quote: 'visiting clinicians' },
    { id: 'stale', requirement: 'A-2', quote: 'not in the spec at all' },
    { id: 'orphaned', requirement: 'A-8', quote: 'nowhere either' },
    { id: 'reanchored', requirement: 'A-8', quote: 'names a clinical lead', stance: 'question' },
    { id: 'withdrawn', requirement: 'A-1', quote: 'a weekly round', status: 'withdrawn' },
  ]);

  it('judges every note in the last version: changed, removed, unchanged, or unanchored in its own version', () => {
    const l = ledgerOf(one(v1, [{ text: notes }]), one(v2));
    const outcome = new Map([...l.threads.flatMap((t) => t.notes), ...l.unanchored].map((n) => [n.id, n.outcome]));
    assert.deepEqual(Object.fromEntries(outcome), {
      'quote-changed': 'changed',
      'quote-kept': 'unchanged',
      'no-quote-modified': 'changed',
      'no-quote-renumbered': 'unchanged',
      removed: 'removed',
      stale: 'unanchored',
      orphaned: 'unanchored',
      reanchored: 'unchanged',
      withdrawn: 'changed',
    });
    assert.deepEqual(
      l.unanchored.map((n) => n.id),
      ['stale', 'orphaned'],
    );
  });

  it('joins a reanchored note to the thread of the requirement it was reanchored to, and keeps sidecar order', () => {
    const l = ledgerOf(one(v1, [{ text: notes }]), one(v2));
    const lead = l.threads.find((t) => t.key === 'A-5')!;
    assert.deepEqual(
      lead.notes.map((n) => [n.id, n.requirement, n.currentRequirement]),
      [
        ['no-quote-renumbered', 'A-2', 'A-2'],
        ['reanchored', 'A-8', 'A-2'],
      ],
    );
    const round = l.threads.find((t) => t.key === 'A-1')!;
    assert.deepEqual(
      round.notes.map((n) => n.id),
      ['quote-changed', 'quote-kept', 'no-quote-modified', 'withdrawn'],
    );
  });

  it('judges a quote by the field it names', () => {
    const a = specText('p', 'v1', [{ ...X, deliverability: 'red: no GPs' }]);
    const b = specText('p', 'v2', [{ ...X, deliverability: 'amber: some GPs', prose: 'no GPs are named here' }]);
    const s = sidecarText('p.spec.md', 'An LMC', [{ id: 'n', requirement: 'A-1', field: 'Deliverability', quote: 'no GPs' }]);
    const l = ledgerOf(one(a, [{ text: s }]), one(b));
    assert.equal(l.threads[0]!.notes[0]!.outcome, 'changed');
  });

  it('counts a change only after the note’s own version (a no-quote note on a version already modified is unchanged)', () => {
    const a = specText('p', 'v1', [X]);
    const b = specText('p', 'v2', [{ ...X, deadline: '2021-06-30' }]);
    const s = sidecarText('p.spec.md', 'An LMC', [{ id: 'late', requirement: 'A-1' }]);
    const l = ledgerOf(one(a), one(b, [{ text: s }]), one(specText('p', 'v3', [{ ...X, deadline: '2021-06-30' }])));
    assert.equal(l.threads[0]!.notes[0]!.outcome, 'unchanged');
    assert.equal(l.threads[0]!.notes[0]!.version, 'v2');
  });

  it('sums outcomes in the summary, for objections and per reviewer (any name, even __proto__)', () => {
    const other = sidecarText('p.spec.md', '__proto__', [{ id: 'p1', requirement: 'A-3', stance: 'object' }]);
    const anonymous = sidecarText('p.spec.md', undefined, [{ id: 'p2', requirement: 'A-1', quote: 'receives a', stance: 'comment' }]);
    const l = ledgerOf(one(v1, [{ text: notes }, { text: other }, { text: anonymous }]), one(v2));
    const s = l.summary;
    assert.equal(s.notes, 11);
    assert.deepEqual(s.outcomes, { changed: 3, removed: 2, unchanged: 4, unanchored: 2 });
    // object: quote-changed, quote-kept, removed, stale, orphaned, withdrawn, p1.
    assert.deepEqual(s.objections, { changed: 2, removed: 2, unchanged: 1, unanchored: 2 });
    assert.deepEqual(Object.keys(s.byReviewer), ['(no reviewer)', 'An LMC', '__proto__']);
    assert.deepEqual(Object.getOwnPropertyDescriptor(s.byReviewer, PROTO)?.value, {
      notes: 1,
      objections: 1,
      changed: 0,
      removed: 1,
      unchanged: 0,
      unanchored: 0,
    });
    assert.equal(Object.getPrototypeOf(s.byReviewer), Object.prototype);
    assert.deepEqual(Object.getOwnPropertyDescriptor(JSON.parse(JSON.stringify(ledgerDocument(l))).summary.byReviewer, PROTO)?.value.notes, 1);
  });

  it('summarises each version after the first: added, removed, modified, renumbered and the cost delta', () => {
    const workload = ['- role: gp', '  minutes: 60', '  every: week', '  per: pcn'];
    const l = ledgerOf(one(specText('p', 'v1', [X, Y, { ...Z, workload }])), one(v2));
    const zCost = l.threads.find((t) => t.key === 'A-3')!.history[0]!.costPerPractice!;
    assert.deepEqual(l.summary.versions, [{ version: 'v2', added: 0, removed: 1, modified: 1, renumbered: 1, costDeltaPerPractice: -zCost }]);
    assert.ok(zCost > 0);
  });
});

describe('ledger: one-line history', () => {
  it('reads like the story of a requirement, then what became of the notes on it', () => {
    const cr = (id: string, deadline: string, prose = 'Each resident has a care plan agreed with their family.') => ({
      id,
      title: 'Care plans',
      prose,
      deadline,
    });
    const a = specText('c', '2019-12-draft', [
      cr('CR-1', '2020-01-31'),
      cr('CR-2', '2020-01-31', 'Homes are aligned to one network.'),
      cr('CR-3', '2020-03-31'),
    ]);
    const b = specText('c', '2020-02-revised', [
      cr('CR-1', '2020-01-31'),
      { id: 'CR-2', title: 'Records', prose: 'Clinicians share the records of each resident.' },
      cr('CR-3', '2020-01-31', 'Homes are aligned to one network.'),
      cr('CR-4', '2020-03-31'),
    ]);
    const c = specText('c', '2020-03-final', [
      cr('CR-1', '2020-01-31'),
      { id: 'CR-2', title: 'Records', prose: 'Clinicians share the records of each resident.' },
      cr('CR-3', '2020-01-31', 'Homes are aligned to one network.'),
      cr('CR-4', '2020-09-30', 'Each resident has a care plan within seven days.'),
    ]);
    const s = sidecarText('c.spec.md', 'LMC', [{ id: 'n1', requirement: 'CR-3', quote: 'agreed with their family' }]);
    const l = ledgerOf(one(a, [{ text: s }]), one(b), one(c));
    const t = findThread(l, 'c', 'CR-4')!;
    assert.equal(
      historyLine(t),
      '2019-12-draft CR-3 → 2020-02-revised CR-4 (renumbered) → 2020-03-final CR-4 (modified: deadline +183 days, text); 1 objection, its text changed',
    );
    assert.equal(findThread(l, 'c', 'CR-3', 0), t);
    assert.equal(findThread(l, 'c', 'CR-9'), undefined);
  });

  it('gives a hover the line for a requirement of the last version of a chain', () => {
    const chain = [one(specText('p', 'v1', [X, Y])), one(specText('p', 'v2', [NEW, { ...X, id: 'A-2' }, { ...Y, id: 'A-3' }]))].map(version);
    assert.equal(requirementHistory(chain, 'p', 'A-3'), 'v1 A-2 → v2 A-3 (renumbered)');
    assert.equal(requirementHistory(chain, 'p', 'A-1'), 'v2 A-1 (added)');
    assert.equal(requirementHistory(chain, 'p', 'A-9'), undefined);
    assert.equal(requirementHistory([], 'p', 'A-1'), undefined);
  });

  it('says when a requirement or its whole spec was removed', () => {
    const l = ledgerOf({ specs: [{ text: specText('p', 'v1', [X, Y]) }, { text: specText('q', 'v1', [Z]) }] }, one(specText('p', 'v2', [X])));
    assert.equal(historyLine(findThread(l, 'p', 'A-2', 0)!), 'v1 A-2 → v2 removed');
    assert.equal(historyLine(findThread(l, 'q', 'A-3', 0)!, l), 'v1 A-3 → v2 removed (spec gone)');
  });
});
