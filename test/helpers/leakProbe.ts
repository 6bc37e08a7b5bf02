/**
 * Run with `node --expose-gc`: parses a 1,000-requirement spec, makes `EDITS` 1-character edits through
 * one LiveDocument with its per-requirement findings (as the language server does; `PROBE=chunks`: one
 * ChunkCache, as the ledger does), and prints the heap in use after the first parse and after the edits,
 * each after a full GC. Used by test/core/memory.test.ts.
 */
import { RequirementFindings, checkSpec } from '../../server/src/core/analyze.js';
import { defaultConfig } from '../../server/src/core/config.js';
import { ChunkCache, parseSpec } from '../../server/src/core/index.js';
import { LiveDocument } from '../../server/src/core/liveDocument.js';
import type { SpecModel } from '../../server/src/core/model.js';
import { generateSpec } from './specs.js';

const edits = Number(process.env.EDITS ?? 300);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
let text = generateSpec({ requirements: 1000 });
const cache = new ChunkCache();
const live = new LiveDocument();
const findings = new RequirementFindings();
const config = defaultConfig();
const parse = (t: string, change?: { start: number; end: number; length: number }): SpecModel => {
  if (process.env.PROBE === 'chunks') return parseSpec(t, { cache });
  const m = live.parse(t, change && [change]);
  checkSpec(m, { config, cache: findings });
  return m;
};
let model = parse(text);
gc();
const before = process.memoryUsage().heapUsed;
for (let i = 0; i < edits; i++) {
  // Insert an x in one requirement's prose, then delete it; a different requirement every pair.
  // (The delete finds the x it inserted: `cohortx N `.)
  const at = text.indexOf(`cohort${i % 2 === 0 ? '' : 'x'} ${1 + ((Math.floor(i / 2) * 7919) % 1000)} `) + 6;
  if (at < 6) throw new Error(`edit ${i}: no place to edit`);
  text = i % 2 === 0 ? text.slice(0, at) + 'x' + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
  model = parse(text, i % 2 === 0 ? { start: at, end: at, length: 1 } : { start: at, end: at + 1, length: 0 });
}
gc();
const after = process.memoryUsage().heapUsed;
process.stdout.write(JSON.stringify({ before, after, requirements: model.requirements.length, textBytes: text.length * 2 }) + '\n');
