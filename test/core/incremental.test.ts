/**
 * Differential test of the incremental parser: after every edit of a random sequence, the model built
 * from cached chunks equals the model from a whole-document parse, and so do the diagnostics.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ChunkCache, checkSpec, defaultConfig, parseSpec, type SpecModel } from '../../server/src/core/index.js';
import { generateSpec } from '../helpers/specs.js';

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

const edit = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 40 }),
  insert: fc.oneof(fc.constantFrom(...ATOMS.map((a) => a + '\n')), fc.string({ maxLength: 6 }), fc.constantFrom('#', '`', '\n', ' ', '-', '<')),
});

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
