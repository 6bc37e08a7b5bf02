/**
 * `npm run bench:pathological`: time to parse and check hostile inputs, in process. A baseline for the
 * hardening work: which inputs are not linear in size. Prints a Markdown table (recorded in BENCHMARKS.md).
 */
import { checkSpec, defaultConfig, parseSpec } from '../server/src/core/index.js';

const config = defaultConfig();
const cases: [string, () => string][] = [
  ['single line, 1 MB', () => 'x'.repeat(1_000_000)],
  ['single line of words, 2 MB', () => 'a '.repeat(1_000_000)],
  ['single line of words, 10 MB', () => 'a '.repeat(5_000_000)],
  ['nested block quotes, 10,000', () => '>'.repeat(10_000) + ' x'],
  ['nested block quotes, 50,000', () => '>'.repeat(50_000) + ' x'],
  ['nested list items, 10,000', () => Array.from({ length: 10_000 }, (_, i) => ' '.repeat((i * 2) % 200) + '- x').join('\n')],
  ['nested list items, 50,000', () => Array.from({ length: 50_000 }, (_, i) => ' '.repeat((i * 2) % 200) + '- x').join('\n')],
  ['YAML alias bomb in front-matter', () => '---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\nid: x\n---\n'],
  ['NUL bytes', () => '---\nid: x\0\n---\n### X-1: \0\0'],
];

const rows = ['| input | size | parse + check | diagnostics |', '|---|---:|---:|---:|'];
for (const [name, make] of cases) {
  const text = make();
  const t0 = performance.now();
  const spec = parseSpec(text);
  const d = checkSpec(spec, { config });
  const ms = performance.now() - t0;
  rows.push(`| ${name} | ${(text.length / 1024).toFixed(0)} KiB | ${ms.toFixed(0)} ms | ${d.length} |`);
  process.stderr.write(`${name}: ${ms.toFixed(0)} ms\n`);
}
process.stdout.write(rows.join('\n') + '\n');
