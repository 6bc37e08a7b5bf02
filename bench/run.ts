/**
 * `npm run bench`: the real language server over stdio, incremental against a naive full-reparse
 * baseline (`--naive`), measured in the same run on generated specs of 10 to 5,000 requirements.
 * Prints a Markdown table (recorded in BENCHMARKS.md) and writes bench/results.json.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { overStdio, type TestClient } from '../test/helpers/lspClient.js';
import { generateSpec } from '../test/helpers/specs.js';
import { ROOT } from '../test/helpers/golden.js';
import { SERVER_EXEC_ARGV } from '../server/src/node/flags.js';

const SIZES = (process.env.BENCH_SIZES ?? '10,100,1000,5000').split(',').map(Number);
const EDITS = Number(process.env.BENCH_EDITS ?? 60);
/** The baseline reparses everything per keystroke; fewer edits keep big sizes within minutes. */
const NAIVE_EDITS = (n: number) => (n >= 5000 ? 3 : n >= 1000 ? 8 : Math.min(EDITS, 30));

interface Run {
  mode: 'incremental' | 'naive';
  requirements: number;
  bytes: number;
  openMs: number;
  editMedianMs: number;
  editP95Ms: number;
  edits: number;
  rssAfterOpenMiB: number;
  rssAfterEditsMiB: number;
}

function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round((kb / 1024) * 10) / 10;
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

async function measure(mode: Run['mode'], n: number, text: string, file: string): Promise<Run> {
  const args = [...SERVER_EXEC_ARGV, path.join(ROOT, 'dist/server.cjs'), '--stdio', ...(mode === 'naive' ? ['--naive'] : [])];
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const client: TestClient = overStdio(child);
  const uri = pathToFileURL(file).href;
  await client.initialize(null);
  let t = performance.now();
  const opened = client.waitForDiagnostics(uri, (p) => p.version === 1, 600000);
  await client.open(uri, text, 1);
  await opened;
  const openMs = performance.now() - t;
  const rssAfterOpenMiB = rssMiB(child.pid!);

  // 1-character edits in the prose of the middle requirement: insert, then delete, and so on.
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(`cohort ${Math.ceil(n / 2)} `));
  const character = lines[line]!.indexOf('cohort') + 'cohort'.length;
  const times: number[] = [];
  const edits = mode === 'naive' ? NAIVE_EDITS(n) : EDITS;
  for (let i = 0; i < edits; i++) {
    const version = i + 2;
    const change =
      i % 2 === 0
        ? { range: { start: { line, character }, end: { line, character } }, text: 'x' }
        : { range: { start: { line, character }, end: { line, character: character + 1 } }, text: '' };
    const done = client.waitForDiagnostics(uri, (p) => p.version === version, 600000);
    t = performance.now();
    await client.change(uri, version, [change]);
    await done;
    times.push(performance.now() - t);
  }
  const rssAfterEditsMiB = rssMiB(child.pid!);
  await client.shutdown().catch(() => undefined);
  child.kill();
  return {
    mode,
    requirements: n,
    bytes: Buffer.byteLength(text),
    openMs: Math.round(openMs),
    editMedianMs: Math.round(quantile(times, 0.5) * 10) / 10,
    editP95Ms: Math.round(quantile(times, 0.95) * 10) / 10,
    edits,
    rssAfterOpenMiB,
    rssAfterEditsMiB,
  };
}

async function main(): Promise<void> {
  const dir = path.join(ROOT, 'bench/generated');
  fs.mkdirSync(dir, { recursive: true });
  const runs: Run[] = [];
  for (const n of SIZES) {
    const text = generateSpec({ requirements: n });
    const file = path.join(dir, `gen-${n}.spec.md`);
    fs.writeFileSync(file, text);
    for (const mode of ['incremental', 'naive'] as const) {
      const r = await measure(mode, n, text, file);
      runs.push(r);
      process.stderr.write(`${mode} ${n}: open ${r.openMs} ms, edit median ${r.editMedianMs} ms, p95 ${r.editP95Ms} ms, RSS ${r.rssAfterOpenMiB}/${r.rssAfterEditsMiB} MiB\n`);
    }
  }
  const out: string[] = [];
  out.push('| requirements | size | mode | open → diagnostics | edit → diagnostics median | p95 | edits | RSS after open | RSS after edits |');
  out.push('|---:|---:|---|---:|---:|---:|---:|---:|---:|');
  for (const r of runs) {
    out.push(
      `| ${r.requirements} | ${(r.bytes / 1024).toFixed(0)} KiB | ${r.mode} | ${r.openMs} ms | ${r.editMedianMs} ms | ${r.editP95Ms} ms | ${r.edits} | ${r.rssAfterOpenMiB} MiB | ${r.rssAfterEditsMiB} MiB |`,
    );
  }
  out.push('', '| requirements | edit median: naive / incremental |', '|---:|---:|');
  for (const n of SIZES) {
    const inc = runs.find((r) => r.requirements === n && r.mode === 'incremental')!;
    const naive = runs.find((r) => r.requirements === n && r.mode === 'naive')!;
    out.push(`| ${n} | ${(naive.editMedianMs / Math.max(inc.editMedianMs, 0.1)).toFixed(0)}× |`);
  }
  fs.writeFileSync(path.join(ROOT, 'bench/results.json'), JSON.stringify({ date: new Date().toISOString(), node: process.version, runs }, null, 2) + '\n');
  process.stdout.write(out.join('\n') + '\n');
}

main().catch((e) => {
  process.stderr.write(String(e?.stack ?? e) + '\n');
  process.exit(1);
});
