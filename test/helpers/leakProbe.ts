/**
 * Run with `node --expose-gc`: parses a 1,000-requirement spec, makes `EDITS` 1-character edits through
 * one ChunkCache (as the language server does), and prints the heap in use after the first parse and
 * after the edits, each after a full GC. Used by test/core/memory.test.ts.
 */
import { ChunkCache, parseSpec } from '../../server/src/core/index.js';
import { generateSpec } from './specs.js';

const edits = Number(process.env.EDITS ?? 300);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
let text = generateSpec({ requirements: 1000 });
const cache = new ChunkCache();
let model = parseSpec(text, { cache });
gc();
const before = process.memoryUsage().heapUsed;
for (let i = 0; i < edits; i++) {
  // Insert an x in one requirement's prose, then delete it; a different requirement every pair.
  const at = text.indexOf(`cohort ${1 + ((Math.floor(i / 2) * 7919) % 1000)} `) + 6;
  text = i % 2 === 0 ? text.slice(0, at) + 'x' + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
  model = parseSpec(text, { cache });
}
gc();
const after = process.memoryUsage().heapUsed;
process.stdout.write(JSON.stringify({ before, after, requirements: model.requirements.length, textBytes: text.length * 2 }) + '\n');
