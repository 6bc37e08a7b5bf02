/**
 * `npm run bench:pathological`: hostile inputs (the same cases as test/core/pathological.test.ts), parsed
 * and checked in process, each at two sizes to show whether time grows linearly. Prints a Markdown table
 * (recorded in BENCHMARKS.md). Targets: ≤ 1 s up to 1 MB, linear in size beyond.
 */
import { checkSpec, defaultConfig, parseSpec } from '../server/src/core/index.js';
import { SPEC_CASES } from '../test/helpers/pathological.js';

const config = defaultConfig();
/** Cases with a size knob, and the scale of the second measurement. */
const SCALED: Record<string, number> = {
  'a 10 MB single line': 2,
  'a 1 MB single line': 2,
  '50,000 nested block quotes': 2,
  '50,000 nested list items on one line': 2,
  '50,000 nested list items, one per line': 2,
  '1,000 nested list items, one per line (1 MB staircase)': 2,
  '100,000 requirements': 0.5,
};
const only = process.argv[2];

function run(text: string): { ms: number; diagnostics: number } {
  const t0 = performance.now();
  const spec = parseSpec(text);
  const diagnostics = checkSpec(spec, { config }).length;
  return { ms: performance.now() - t0, diagnostics };
}

const mb = (n: number) => (n / 1_048_576).toFixed(n < 104_858 ? 3 : 1);
const rows = ['| input | size | parse + check | diagnostics | at other size | growth (time ratio ÷ size ratio) |', '|---|---:|---:|---:|---:|---:|'];
for (const c of SPEC_CASES) {
  if (only && !c.name.includes(only)) continue;
  const text = c.make();
  const a = run(text);
  let other = '—';
  let growth = '—';
  const scale = SCALED[c.name];
  if (scale) {
    const bigger = c.make(scale);
    const b = run(bigger);
    other = `${mb(bigger.length)} MB: ${b.ms.toFixed(0)} ms`;
    growth = (b.ms / a.ms / (bigger.length / text.length)).toFixed(2);
  }
  rows.push(`| ${c.name} | ${mb(text.length)} MB | ${a.ms.toFixed(0)} ms | ${a.diagnostics} | ${other} | ${growth} |`);
  process.stderr.write(`${c.name}: ${a.ms.toFixed(0)} ms\n`);
}
process.stdout.write(rows.join('\n') + '\n');
