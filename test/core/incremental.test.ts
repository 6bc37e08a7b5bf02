/**
 * Differential test of the incremental parser: after every edit of a random sequence, the model built
 * from cached chunks equals the model from a whole-document parse, and so do the diagnostics.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ChunkCache, checkSpec, defaultConfig, parseSpec, type SpecModel } from '../../server/src/core/index.js';
import { RequirementFindings } from '../../server/src/core/analyze.js';
import { LiveDocument, type TextChange } from '../../server/src/core/liveDocument.js';
import { generateDenseSpec, generateSpec } from '../helpers/specs.js';

/** Lines that exercise every way a chunk boundary can fail to hold. */
const ATOMS = [
  '### EHCH-1: Lead',
  '## Section',
  '#### X-2.1: Nested',
  '# Title',
  '- **Deadline:** 2020-10-01',
  '- **Funding:** arrs, nonsense',
  '- **Deliverability:** TBC',
  '- **Depends on:** EHCH-9',
  'A weekly round happens fortnightly.',
  '```workload',
  '```',
  '~~~',
  '- role: gp',
  '  minutes: 60',
  '<!-- comment',
  '-->',
  '<div>',
  '</div>',
  '> quoted',
  '- item',
  '  ```',
  '',
  '',
  '---',
  '===',
  '    indented code',
  '| a | b |',
  '|---|---|',
  '[ref]: https://example.org',
  '# ',
  '\r',
];

function snapshot(spec: SpecModel): unknown {
  return JSON.parse(JSON.stringify({ ...spec, frontMatter: { ...spec.frontMatter, entries: [...spec.frontMatter.entries.entries()] } }));
}

const config = defaultConfig();

function assertSame(text: string, cache: ChunkCache): void {
  const incremental = parseSpec(text, { cache });
  const whole = parseSpec(text, { whole: true });
  assert.deepEqual(snapshot(incremental), snapshot(whole), `models differ for ${JSON.stringify(text)}`);
  assert.deepEqual(checkSpec(incremental, { config }), checkSpec(whole, { config }));
}

/** The live document's model after `changes` (or, without them, a comparison of texts) equals a whole parse. */
function assertLive(text: string, live: LiveDocument, changes?: TextChange[], findings = new RequirementFindings()): SpecModel {
  const model = live.parse(text, changes);
  const whole = parseSpec(text, { whole: true });
  assert.deepEqual(snapshot(model), snapshot(whole), `live model differs for ${JSON.stringify(text)} after ${JSON.stringify(changes)}`);
  // Findings reused by requirement object (and moved with it) equal a from-scratch check.
  assert.deepEqual(checkSpec(model, { config, cache: findings }), checkSpec(whole, { config }));
  return model;
}

/** Applies an edit as an editor sends it; returns the new text and the change in offsets of the old text. */
function apply(text: string, e: { at: number; remove: number; insert: string }): { text: string; change: TextChange } {
  const at = text.length ? e.at % (text.length + 1) : 0;
  const end = Math.min(text.length, at + e.remove);
  return { text: text.slice(0, at) + e.insert + text.slice(end), change: { start: at, end, length: e.insert.length } };
}

const edit = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 40 }),
  insert: fc.oneof(fc.constantFrom(...ATOMS.map((a) => a + '\n')), fc.string({ maxLength: 6 }), fc.constantFrom('#', '`', '\n', ' ', '-', '<')),
});

/**
 * One live document through batches of edits (several changes per notification, each in the coordinates
 * of the text before it), checked against a whole parse after each batch; `withChanges` false: the live
 * document finds what changed by comparing texts.
 */
function assertLiveSequence(initial: string, batches: { at: number; remove: number; insert: string }[][], withChanges: boolean): void {
  let text = initial;
  const live = new LiveDocument();
  const findings = new RequirementFindings();
  assertLive(text, live, undefined, findings);
  for (const batch of batches) {
    const changes: TextChange[] = [];
    for (const e of batch) {
      const r = apply(text, e);
      text = r.text;
      changes.push(r.change);
    }
    assertLive(text, live, withChanges ? changes : undefined, findings);
  }
}

/** Documents where a line scan alone would cut at the wrong place; the boundary check must merge. */
const TRICKY = [
  '- item\n  ```\n## Section\n  ```\n### EHCH-1: Lead\n- **Deadline:** 2020-10-01\n### EHCH-2: Next\n',
  '<div>\n### X-1: In HTML\n</div>\n\n### X-2: Real\n',
  '<!-- one line -->\n### X-1: After a comment\n- **Funding:** arrs\n',
  '``` a`b\n### X-1: Not a fence\n- **Funding:** arrs\n',
  '> quote\n### X-1: After a quote\n',
  'Para\n### X-1: Interrupts\n---\n### X-2: After a rule\n',
];

describe('incremental parsing', () => {
  it('equals a whole-document parse on documents that defeat a line scan', () => {
    for (const text of TRICKY) {
      const cache = new ChunkCache();
      assertSame(text, cache);
      assertSame(text + 'tail\n', cache);
    }
  });

  it('equals a whole-document parse after random edit sequences', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ATOMS), { minLength: 0, maxLength: 40 }), fc.array(edit, { maxLength: 25 }), (lines, edits) => {
        let text = lines.join('\n');
        const cache = new ChunkCache();
        assertSame(text, cache);
        for (const e of edits) {
          const at = text.length ? e.at % (text.length + 1) : 0;
          text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
          assertSame(text, cache);
        }
      }),
      { numRuns: Number(process.env.DIFF_RUNS ?? 300) },
    );
  });

  it('live: equals a whole-document parse after random edits, with the changes sent or found by comparison', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...ATOMS), { minLength: 0, maxLength: 40 }),
        fc.array(fc.array(edit, { minLength: 1, maxLength: 3 }), { maxLength: 20 }),
        fc.boolean(),
        (lines, batches, withChanges) => assertLiveSequence(lines.join('\n'), batches, withChanges),
      ),
      { numRuns: Number(process.env.DIFF_RUNS ?? 300) },
    );
  });

  it('live: equals a whole-document parse after random edits of a generated spec (sections, headings, fences)', () => {
    const base = generateDenseSpec({ requirements: 9, perSection: 3 });
    const headingEdit = fc.record({
      at: fc.nat(),
      remove: fc.nat({ max: 60 }),
      insert: fc.constantFrom(
        '\n## Other section\n',
        '\n### DEN-4: Again\n',
        '\n#### Sub\n',
        '#',
        '\n# Top\n',
        '\n```\n',
        'x',
        '\n',
        '',
        '\n> q\n',
        '- **Funding:** arrs\n',
      ),
    });
    fc.assert(
      fc.property(fc.array(fc.array(headingEdit, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 15 }), (batches) =>
        assertLiveSequence(base, batches, true),
      ),
      { numRuns: Math.ceil(Number(process.env.DIFF_RUNS ?? 300) / 6) },
    );
  });

  it('live: edits in a generated spec keep the requirements they do not touch, and parse one chunk', () => {
    let text = generateDenseSpec({ requirements: 60 });
    const live = new LiveDocument();
    const findings = new RequirementFindings();
    const first = assertLive(text, live, undefined, findings);
    assert.equal(findings.checked, 60);
    const at = text.indexOf('cohort 30 ');
    const r = apply(text, { at, remove: 0, insert: 'x\n\n' });
    text = r.text;
    const second = assertLive(text, live, [r.change], findings);
    assert.equal(live.parsedChunks, 1);
    assert.equal(findings.checked, 1, 'only the edited requirement is checked again');
    assert.equal(findings.wholeRuns, 0, 'whole-spec rules reuse their findings: the edit changed nothing they read');
    // Renaming a requirement to an existing id is read by duplicate-requirement-id and dangling-reference.
    const rename = apply(text, { at: text.indexOf('DEN-31:'), remove: 6, insert: 'DEN-1' });
    text = rename.text;
    const renamed = assertLive(text, live, [rename.change], findings);
    assert.ok(findings.wholeRuns >= 2, `whole-spec rules run again after a rename (${findings.wholeRuns})`);
    assert.equal(renamed.requirements.filter((r) => r.id === 'DEN-1').length, 2);
    const changed = second.requirements.filter((req, k) => req !== first.requirements[k]).map((req) => req.id);
    assert.deepEqual(changed, ['DEN-30']);
    // A fence opened in the middle turns the rest into code; closing it brings the requirements back.
    const open = apply(text, { at: text.indexOf('### DEN-32'), remove: 0, insert: '```\n' });
    const fenced = assertLive(open.text, live, [open.change]);
    assert.equal(fenced.requirements.length, 31);
    const close = apply(open.text, { at: open.text.indexOf('### DEN-32'), remove: 0, insert: '```\n' });
    assert.equal(assertLive(close.text, live, [close.change]).requirements.length, 60);
  });

  it('reparses only the chunk an edit touches', () => {
    const text = generateSpec({ requirements: 200 });
    const cache = new ChunkCache();
    parseSpec(text, { cache });
    const first = cache.parsedChunks;
    assert.ok(first > 200, `expected one chunk per requirement at first, got ${first}`);
    const at = text.indexOf('cohort 100 ');
    parseSpec(text.slice(0, at) + 'x' + text.slice(at), { cache });
    assert.equal(cache.parsedChunks, 1);
  });

  it('falls back to one chunk when the text has link reference definitions', () => {
    const text = generateSpec({ requirements: 20 }) + '\n[ref]: https://example.org\n';
    const cache = new ChunkCache();
    parseSpec(text, { cache });
    assert.equal(cache.parsedChunks, 1);
  });
});
