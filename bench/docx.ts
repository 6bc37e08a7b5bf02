/**
 * `npm run bench:docx`: the Word documents of a 1,000-requirement generated spec, in process: the
 * publication (export, and the HTML page), the review document with 300 notes (a third with replies), and
 * the redline against a version with 100 requirements reworded, 20 removed, 20 added and 10 renumbered.
 * Each is timed from parsed specs to bytes (median of five runs after one warm-up). Target: under 2 s each.
 */
import * as os from 'node:os';
import { parseConfig } from '../server/src/core/config.js';
import { parseSpec } from '../server/src/core/parse.js';
import { parseReview } from '../server/src/core/review/sidecar.js';
import { exportDocx } from '../server/src/docx/export.js';
import { exportHtml } from '../server/src/docx/html.js';
import { redlineDocx } from '../server/src/docx/redline.js';
import { reviewDocx } from '../server/src/docx/review.js';
import { generateSpec } from '../test/helpers/specs.js';

const N = Number(process.argv[2] ?? 1000);
const TARGET_MS = 2000;

const oldText = generateSpec({ requirements: N, perSection: 10 });

/** The next version: every tenth requirement reworded, 20 removed, 20 added, 10 renumbered at the end. */
function nextVersion(text: string): string {
  const chunks = text.split(/(?=^### )/m);
  const out: string[] = [];
  chunks.forEach((c, i) => {
    if (i > 0 && i % 50 === 0) return; // removed
    let chunk = c;
    if (i % 10 === 3) chunk = chunk.replace('records the outcome in the clinical system', 'reports the outcome to the commissioner every month');
    if (i > N - 10) chunk = chunk.replace(/^### GEN-(\d+):/m, (_m, n) => `### GEN-${Number(n) + 5000}:`);
    out.push(chunk);
    if (i > 0 && i % 50 === 25)
      out.push(
        `### NEW-${i}: An added requirement\nThe network publishes its plan for cohort ${i} on its website.\n\n- **Deadline:** 2021-03-31\n- **Funding:** arrs\n- **Deliverability:** green\n\n`,
      );
  });
  return out.join('').replace('version: 2020-03-final', 'version: 2020-06-final').replace('published: 2020-03-31', 'published: 2020-06-30');
}

function sidecarText(n: number): string {
  const lines = ['spec: gen.spec.md', 'reviewer: Benchmark LMC', 'notes:'];
  for (let k = 0; k < 300; k++) {
    const i = 1 + ((k * 7) % n);
    lines.push(
      `  - id: b${k}`,
      `    requirement: GEN-${i}`,
      ...(k % 4 === 3 ? [] : [`    quote: reviews cohort ${i} and records the outcome`]),
      `    stance: ${['object', 'concern', 'question', 'support', 'comment'][k % 5]}`,
      `    status: ${['open', 'open', 'resolved', 'withdrawn'][k % 4]}`,
      `    author: Reviewer ${k % 6}`,
      '    created: 2020-04-01',
      `    body: Note ${k} on requirement ${i}; the workload is not funded.`,
    );
    if (k % 3 === 0) lines.push('    replies:', '      - author: Commissioner', '        created: 2020-04-03', '        body: Noted.');
  }
  return lines.join('\n') + '\n';
}

/** Median wall-clock and CPU time (the process's, all threads) of five runs after a warm-up. */
function time(f: () => number): { ms: number; cpu: number; bytes: number } {
  f();
  const runs: number[] = [];
  const cpus: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 5; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    bytes = f();
    runs.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpus.push((used.user + used.system) / 1000);
  }
  runs.sort((a, b) => a - b);
  cpus.sort((a, b) => a - b);
  return { ms: runs[2]!, cpu: cpus[2]!, bytes };
}

const config = parseConfig('', null).config;
const basis = { config, profile: 'default' };
let t = performance.now();
const oldSpec = parseSpec(oldText);
const newSpec = parseSpec(nextVersion(oldText));
const parseMs = (performance.now() - t) / 2;
const review = parseReview(sidecarText(N));
// The worst case: Markdown in every requirement's text, so every requirement is parsed again.
const markedSpec = parseSpec(oldText.replace(/records the outcome/g, 'records **the outcome**'));
t = performance.now();

const rows: [string, { ms: number; cpu: number; bytes: number }][] = [
  ['export (docx)', time(() => exportDocx(oldSpec, basis).length)],
  ['export (docx), bold words in every requirement', time(() => exportDocx(markedSpec, basis).length)],
  ['export (html)', time(() => exportHtml(oldSpec, basis).length)],
  [`review (docx, ${review.notes.length} notes)`, time(() => reviewDocx(oldSpec, basis, [{ review }]).bytes.length)],
  ['redline (docx)', time(() => redlineDocx(oldSpec, newSpec, basis, basis).length)],
];
console.log(`Word output of a ${N}-requirement spec (${(oldText.length / 1024).toFixed(0)} KB; parsing it: ${parseMs.toFixed(0)} ms, not counted below)\n`);
console.log(`(machine load average over the last minute: ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores; wall time grows with it)\n`);
console.log('| document | wall, median of 5 | CPU, median of 5 | size | target |');
console.log('|---|---:|---:|---:|---|');
let failed = false;
for (const [name, r] of rows) {
  const ok = r.ms < TARGET_MS;
  failed ||= !ok;
  console.log(
    `| ${name} | ${r.ms.toFixed(0)} ms | ${r.cpu.toFixed(0)} ms | ${(r.bytes / 1024).toFixed(0)} KB | ${ok ? 'under' : 'OVER'} ${TARGET_MS / 1000} s |`,
  );
}
process.exitCode = failed ? 1 : 0;
