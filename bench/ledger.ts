/**
 * `npm run bench:ledger`: the consultation ledger over 5 versions × 200 specs × 20 requirements with 2,000
 * notes, generated into a temporary folder, then at half and a quarter of that size (specs and notes) to show
 * that time grows linearly. Times the ledger in process (reading, parsing, costing, pairing, anchoring and
 * the JSON), not the generation. Target: under 5 s at full size. Prints a Markdown table.
 *
 * The worst case for the incremental parse across versions: every spec changes in every version (three
 * requirements edited; one spec in ten gets a requirement inserted at the top, renumbering the rest; one in
 * ten loses one). Every requirement carries a workload block.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildLedger, ledgerJson } from '../server/src/core/ledger/index.js';
import { gatherVersions } from '../server/src/node/ledger.js';

const VERSIONS = 5;
const REQUIREMENTS = 20;
const FULL = { specs: 200, notes: 2000 };

/** A small deterministic generator, so every run measures the same files. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Req {
  uid: number;
  variant: number;
  deadline: number;
  section: number;
}

const word = (uid: number, k: string) => `term${uid}${k}`;

/** Ids by position, so a requirement inserted at the top renumbers the rest. */
function specText(spec: number, version: number, reqs: Req[]): string {
  const lines = [
    '---',
    `id: spec-${spec}`,
    `title: Bench spec ${spec}`,
    `version: v${version + 1}`,
    'status: draft',
    `published: 2020-0${version + 1}-01`,
    '---',
    `# Spec ${spec}`,
    '',
  ];
  let section = -1;
  const ordered = [...reqs].sort((a, b) => a.section - b.section);
  ordered.forEach((r, i) => {
    if (r.section !== section) {
      section = r.section;
      lines.push(`## Part ${section}`, '');
    }
    const id = `B${spec}-${i + 1}`;
    lines.push(
      `### ${id}: ${word(r.uid, 'a')} ${word(r.uid, 'b')} ${word(r.uid, 'c')}`,
      `The network ${word(r.uid, r.variant ? `v${r.variant}` : 'd')} ${word(r.uid, 'e')} ${word(r.uid, 'f')} every week for each home.`,
      '',
      `- **Deadline:** 2021-${String(1 + (r.deadline % 12)).padStart(2, '0')}-28`,
      `- **Funding:** ${r.uid % 3 ? 'arrs' : 'none'}`,
      `- **Deliverability:** amber: ${word(r.uid, 'g')}`,
      '',
      '```workload',
      '- role: practice-nurse',
      `  minutes: ${10 + (r.uid % 50)}`,
      '  every: week',
      '  per: care-home',
      '```',
      '',
    );
  });
  return lines.join('\n');
}

/** Writes the versions: each one edits the previous (insertions at the top renumber, removals, changes). */
function generate(root: string, specs: number, notes: number): void {
  const random = rng(42);
  let uid = 0;
  const state: Req[][] = Array.from({ length: specs }, () =>
    Array.from({ length: REQUIREMENTS }, (_, i) => ({ uid: ++uid, variant: 0, deadline: 0, section: i < REQUIREMENTS / 2 ? 0 : 1 })),
  );
  const notesPerSpec = notes / VERSIONS / specs;
  for (let v = 0; v < VERSIONS; v++) {
    const dir = path.join(root, `v${v + 1}`);
    fs.mkdirSync(dir, { recursive: true });
    state.forEach((reqs, s) => {
      if (v > 0) {
        const roll = random();
        if (roll < 0.1) reqs.unshift({ uid: ++uid, variant: 0, deadline: 0, section: 0 });
        else if (roll < 0.2) reqs.splice(Math.floor(random() * reqs.length), 1);
        for (let k = 0; k < 3; k++) {
          const r = reqs[Math.floor(random() * reqs.length)]!;
          if (random() < 0.5) r.deadline++;
          else r.variant++;
        }
      }
      fs.writeFileSync(path.join(dir, `spec-${s}.spec.md`), specText(s, v, reqs));
      const lines = [`spec: spec-${s}.spec.md`, `reviewer: LMC ${s % 7}`, 'notes:'];
      for (let n = 0; n < notesPerSpec; n++) {
        const i = Math.floor(random() * reqs.length);
        const r = reqs[i]!;
        lines.push(
          `  - id: n${v}-${n}`,
          `    requirement: B${s}-${i + 1}`,
          `    quote: ${word(r.uid, 'e')}`,
          `    stance: ${n % 2 ? 'object' : 'concern'}`,
          '    status: open',
        );
      }
      fs.writeFileSync(path.join(dir, `spec-${s}.review.yaml`), lines.join('\n') + '\n');
    });
  }
}

function measure(specs: number, notes: number): { gather: number; build: number; json: number; total: number; cpu: number; threads: number; bytes: number } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-ledger-'));
  try {
    generate(root, specs, notes);
    const folders = Array.from({ length: VERSIONS }, (_, v) => path.join(root, `v${v + 1}`));
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const { versions } = gatherVersions(folders);
    const t1 = performance.now();
    const ledger = buildLedger(versions);
    const t2 = performance.now();
    const json = ledgerJson(ledger);
    const t3 = performance.now();
    const c = process.cpuUsage(c0);
    if (ledger.summary.notes !== notes) throw new Error(`expected ${notes} notes, counted ${ledger.summary.notes}`);
    return {
      gather: t1 - t0,
      build: t2 - t1,
      json: t3 - t2,
      total: t3 - t0,
      cpu: (c.user + c.system) / 1000,
      threads: ledger.threads.length,
      bytes: json.length,
    };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

const sizes = [
  { label: 'quarter', specs: FULL.specs / 4, notes: FULL.notes / 4 },
  { label: 'half', specs: FULL.specs / 2, notes: FULL.notes / 2 },
  { label: 'full', specs: FULL.specs, notes: FULL.notes },
];
measure(FULL.specs / 4, FULL.notes / 4); // warm-up at the smallest size: compile the hot paths once
const rows = [
  '| size | versions × specs × requirements | notes | threads | read + parse | ledger (pair, cost, anchor) | JSON | total (wall) | CPU (all threads) | wall ms per spec-version |',
  '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
];
let full = 0;
for (const s of sizes) {
  const m = measure(s.specs, s.notes);
  if (s.label === 'full') full = m.total;
  rows.push(
    `| ${s.label} | ${VERSIONS} × ${s.specs} × ${REQUIREMENTS} | ${s.notes} | ${m.threads} | ${m.gather.toFixed(0)} ms | ${m.build.toFixed(0)} ms | ${m.json.toFixed(0)} ms | ${m.total.toFixed(0)} ms | ${m.cpu.toFixed(0)} ms | ${(m.total / (VERSIONS * s.specs)).toFixed(2)} |`,
  );
  process.stderr.write(`${s.label}: ${m.total.toFixed(0)} ms\n`);
}
process.stdout.write(rows.join('\n') + '\n');
const load = os.loadavg()[0]!;
process.stdout.write(
  `\nTarget: under 5,000 ms at full size: ${full < 5000 ? 'met' : 'NOT met'} (${full.toFixed(0)} ms; ${os.cpus().length} cores, load average ${load.toFixed(1)} when done).\n`,
);
