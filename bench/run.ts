/**
 * `npm run bench`: the real language server over stdio and the real CLI, one phase after another in one
 * run, so ratios compare like with like. Prints Markdown tables (recorded in BENCHMARKS.md) and writes
 * bench/results.json. `BENCH_ONLY=edits,breakdown,interactive,leak,workspace,cli` picks phases; `BENCH_CORPUS=plain,dense,dense-vscode`
 * and `BENCH_SIZES` pick the specs.
 *
 * - edits: 1-character edit → diagnostics, incremental against a naive full-reparse baseline (`--naive`),
 *   on generated specs of 10 to 5,000 requirements; open time and RSS give the cost of growth.
 * - open: open → first diagnostics, 3 runs alternating with `BENCH_COMPARE_SERVER` (another build's server.cjs).
 * - breakdown: where an edit's time goes (parse, re-basing, rules, conversion, serialisation, other, transfer),
 *   from the server's own timings (`--timings`) at 1,000 requirements and more.
 * - interactive: hover, completion and code lens latency on 1,000 requirements.
 * - leak: RSS over 10,000 edits (`BENCH_LEAK_EDITS`).
 * - workspace: 500 generated specs (~5 MB) with cross-spec references: background indexing, edits while it
 *   runs, workspace symbols.
 * - cli: `check` on those 500 specs against markdownlint-cli2, with threads and with `--cache`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import { pathToFileURL } from 'node:url';
import { overStdio, type TestClient } from '../test/helpers/lspClient.js';
import { generateDenseSpec, generateSpec, generateWorkspace } from '../test/helpers/specs.js';
import type { Timings } from '../server/src/lsp/handlers/diagnostics.js';
import { ROOT } from '../test/helpers/golden.js';
import { SERVER_EXEC_ARGV } from '../client/src/serverFlags.js';

/** Node flags for the server: those it ships with, unless BENCH_NODE_FLAGS says otherwise ('' for none). */
const NODE_FLAGS = process.env.BENCH_NODE_FLAGS !== undefined ? process.env.BENCH_NODE_FLAGS.split(' ').filter(Boolean) : [...SERVER_EXEC_ARGV];
const ONLY = new Set((process.env.BENCH_ONLY ?? 'edits,breakdown,interactive,leak,workspace,cli').split(','));
const SIZES = (process.env.BENCH_SIZES ?? '10,100,1000,5000').split(',').map(Number);
/**
 * `plain`: generateSpec, 0.57 findings per requirement. `dense`: generateDenseSpec, as a Word import leaves a
 * spec (tables, nested lists, quotes, links, TBC values): 3.1 findings per requirement.
 */
const CORPORA = (process.env.BENCH_CORPUS ?? 'plain,dense,dense-vscode').split(',') as Corpus[];
/** `dense-vscode`: the dense specs, with a client that makes its own rule links as VS Code does (`ruleLinks: "client"`); no naive run. */
type Corpus = 'plain' | 'dense' | 'dense-vscode';
const GENERATORS: Record<Corpus, typeof generateSpec> = { plain: generateSpec, dense: generateDenseSpec, 'dense-vscode': generateDenseSpec };
const INIT_OPTIONS: Record<Corpus, unknown> = { plain: undefined, dense: undefined, 'dense-vscode': { ruleLinks: 'client' } };
/** What the benchmark's client declares, as VS Code and Neovim do: rule links are sent. */
const CLIENT_CAPABILITIES = {
  textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true } },
};
const EDITS = Number(process.env.BENCH_EDITS ?? 60);
/** The baseline reparses everything per keystroke; fewer edits keep big sizes within minutes. */
const NAIVE_EDITS = (n: number) => (n >= 5000 ? 3 : n >= 1000 ? 8 : Math.min(EDITS, 30));

interface Run {
  corpus: Corpus;
  mode: 'incremental' | 'naive';
  requirements: number;
  bytes: number;
  openMs: number;
  editMedianMs: number;
  editP95Ms: number;
  edits: number;
  rssAfterOpenMiB: number;
  rssAfterEditsMiB: number;
  diagnostics: number;
  /** Bytes of the last publishDiagnostics params, as JSON. */
  payloadBytes: number;
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

/** The middle requirement's prose: where the 1-character edits go. */
function editPoint(text: string, n: number): { line: number; character: number } {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(`cohort ${Math.ceil(n / 2)} `));
  return { line, character: lines[line]!.indexOf('cohort') + 'cohort'.length };
}

/** Insert an x at the edit point on even edits, delete it on odd ones. */
function oneCharEdit(i: number, { line, character }: { line: number; character: number }) {
  return i % 2 === 0
    ? { range: { start: { line, character }, end: { line, character } }, text: 'x' }
    : { range: { start: { line, character }, end: { line, character: character + 1 } }, text: '' };
}

async function measure(corpus: Corpus, mode: Run['mode'], n: number, text: string, file: string): Promise<Run> {
  const args = [...NODE_FLAGS, path.join(ROOT, 'dist/server.cjs'), '--stdio', ...(mode === 'naive' ? ['--naive'] : [])];
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const client: TestClient = overStdio(child);
  const uri = pathToFileURL(file).href;
  await client.initialize(null, CLIENT_CAPABILITIES, INIT_OPTIONS[corpus]);
  let t = performance.now();
  const opened = client.waitForDiagnostics(uri, (p) => p.version === 1, 600000);
  await client.open(uri, text, 1);
  await opened;
  const openMs = performance.now() - t;
  const rssAfterOpenMiB = rssMiB(child.pid!);

  // 1-character edits in the prose of the middle requirement: insert, then delete, and so on.
  const at = editPoint(text, n);
  const times: number[] = [];
  const edits = mode === 'naive' ? NAIVE_EDITS(n) : EDITS;
  let last: { diagnostics: unknown[] } = { diagnostics: [] };
  for (let i = 0; i < edits; i++) {
    const version = i + 2;
    const done = client.waitForDiagnostics(uri, (p) => p.version === version, 600000);
    t = performance.now();
    await client.change(uri, version, [oneCharEdit(i, at)]);
    last = await done;
    times.push(performance.now() - t);
  }
  const rssAfterEditsMiB = rssMiB(child.pid!);
  await client.shutdown().catch(() => undefined);
  child.kill();
  return {
    corpus,
    mode,
    requirements: n,
    bytes: Buffer.byteLength(text),
    openMs: Math.round(openMs),
    editMedianMs: Math.round(quantile(times, 0.5) * 10) / 10,
    editP95Ms: Math.round(quantile(times, 0.95) * 10) / 10,
    edits,
    rssAfterOpenMiB,
    rssAfterEditsMiB,
    diagnostics: last.diagnostics.length,
    payloadBytes: Buffer.byteLength(JSON.stringify(last)),
  };
}

/** Median of each phase of the server's own timings (`--timings`) over `edits` edits, with the client's total. */
async function breakdown(corpus: Corpus, n: number, text: string, file: string, edits = 40) {
  const child = spawn(process.execPath, [...NODE_FLAGS, path.join(ROOT, 'dist/server.cjs'), '--stdio', '--timings'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const client = overStdio(child);
  const uri = pathToFileURL(file).href;
  const reported = new Map<number, Timings>();
  client.connection.onNotification('$/serviceSpec/timings', (t: Timings) => {
    reported.set(t.version, t);
  });
  await client.initialize(null, CLIENT_CAPABILITIES, INIT_OPTIONS[corpus]);
  const opened = client.waitForDiagnostics(uri, (p) => p.version === 1, 600000);
  await client.open(uri, text, 1);
  await opened;
  const at = editPoint(text, n);
  const total: number[] = [];
  for (let i = 0; i < edits; i++) {
    const version = i + 2;
    const done = client.waitForDiagnostics(uri, (p) => p.version === version, 600000);
    const t = performance.now();
    await client.change(uri, version, [oneCharEdit(i, at)]);
    await done;
    total.push(performance.now() - t);
    // The server's timings follow the diagnostics; wait for them so the next edit starts on a quiet server.
    while (!reported.has(version)) await new Promise((r) => setTimeout(r, 1));
  }
  await client.shutdown().catch(() => undefined);
  child.kill();
  const phases = ['parse', 'rebase', 'rules', 'convert', 'serialise', 'other'] as const;
  const ts = [...reported.values()].filter((t) => t.version > 1);
  const med = (f: (t: Timings) => number) => Math.round(quantile(ts.map(f), 0.5) * 10) / 10;
  const out: Record<string, number> = {};
  for (const p of phases) out[p] = med((t) => t[p]);
  out.total = Math.round(quantile(total, 0.5) * 10) / 10;
  // Transfer: what the client waited beyond the server's work (pipe, framing, the client's JSON.parse).
  out.transfer = Math.round(Math.max(0, out.total - phases.reduce((a, p) => a + out[p]!, 0)) * 10) / 10;
  out.diagnostics = ts[0]?.diagnostics ?? 0;
  out.bytes = ts[0]?.bytes ?? 0;
  return out;
}

/** Milliseconds from `didOpen` to the first diagnostics, on a fresh server (`server`: a server.cjs). */
async function openTime(server: string, text: string, file: string): Promise<number> {
  const child = spawn(process.execPath, [...NODE_FLAGS, server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const client = overStdio(child);
  await client.initialize(null, CLIENT_CAPABILITIES);
  const uri = pathToFileURL(file).href;
  const t = performance.now();
  const done = client.waitForDiagnostics(uri, (p) => p.version === 1, 600000);
  await client.open(uri, text, 1);
  await done;
  const ms = performance.now() - t;
  await client.shutdown().catch(() => undefined);
  child.kill();
  return ms;
}

async function startServer(extraArgs: string[] = []): Promise<{ child: ChildProcess; client: TestClient }> {
  const child = spawn(process.execPath, [...NODE_FLAGS, path.join(ROOT, 'dist/server.cjs'), '--stdio', ...extraArgs], { stdio: ['pipe', 'pipe', 'inherit'] });
  return { child, client: overStdio(child) };
}

/** A server with `file` open (text `text`), once its first diagnostics are in. */
async function openInServer(text: string, file: string): Promise<{ child: ChildProcess; client: TestClient; uri: string }> {
  const { child, client } = await startServer();
  const uri = pathToFileURL(file).href;
  await client.initialize(null);
  const opened = client.waitForDiagnostics(uri, (p) => p.version === 1, 600000);
  await client.open(uri, text, 1);
  await opened;
  return { child, client, uri };
}

async function timed<T>(f: () => Promise<T>): Promise<number> {
  const t = performance.now();
  await f();
  return performance.now() - t;
}

const ms = (x: number) => `${x < 10 ? x.toFixed(1) : x.toFixed(0)} ms`;
const stats = (xs: number[]) => ({ median: Math.round(quantile(xs, 0.5) * 10) / 10, p95: Math.round(quantile(xs, 0.95) * 10) / 10, n: xs.length });

/** Hover, completion and code lens on the 1,000-requirement spec. */
async function interactive(text: string, file: string) {
  const { child, client, uri } = await openInServer(text, file);
  const lines = text.split('\n');
  const headings = lines.flatMap((l, i) => (l.startsWith('### ') ? [i] : []));
  const funding = lines.flatMap((l, i) => (l.startsWith('- **Funding:** ') ? [i] : []));
  const req = (method: string, params: unknown) => client.connection.sendRequest(method, params);
  const hover: number[] = [];
  const completion: number[] = [];
  const lens: number[] = [];
  const symbols: number[] = [];
  for (let i = 0; i < 200; i++) {
    const line = headings[(i * 37) % headings.length]!;
    hover.push(await timed(() => req('textDocument/hover', { textDocument: { uri }, position: { line, character: 6 } })));
    const f = funding[(i * 53) % funding.length]!;
    completion.push(await timed(() => req('textDocument/completion', { textDocument: { uri }, position: { line: f, character: '- **Funding:** '.length } })));
  }
  for (let i = 0; i < 20; i++) {
    lens.push(await timed(() => req('textDocument/codeLens', { textDocument: { uri } })));
    symbols.push(await timed(() => req('textDocument/documentSymbol', { textDocument: { uri } })));
  }
  await client.shutdown().catch(() => undefined);
  child.kill();
  return { hover: stats(hover), completion: stats(completion), codeLens: stats(lens), documentSymbols: stats(symbols) };
}

/** RSS every 1,000 edits over `edits` 1-character edits (insert, delete) on the 1,000-requirement spec. */
async function leak(text: string, file: string, edits: number) {
  const { child, client, uri } = await openInServer(text, file);
  const lines = text.split('\n');
  const samples: { edits: number; rssMiB: number }[] = [{ edits: 0, rssMiB: rssMiB(child.pid!) }];
  const times: number[] = [];
  for (let i = 0; i < edits; i++) {
    // Insert an x in the prose of a requirement, then delete it: a different requirement every pair.
    const line = lines.findIndex((l) => l.includes(`cohort ${1 + ((Math.floor(i / 2) * 7919) % 1000)} `));
    const character = lines[line]!.indexOf('cohort') + 6;
    const version = i + 2;
    const change =
      i % 2 === 0
        ? { range: { start: { line, character }, end: { line, character } }, text: 'x' }
        : { range: { start: { line, character }, end: { line, character: character + 1 } }, text: '' };
    const done = client.waitForDiagnostics(uri, (p) => p.version === version, 600000);
    times.push(
      await timed(async () => {
        await client.change(uri, version, [change]);
        await done;
      }),
    );
    if ((i + 1) % 1000 === 0) {
      samples.push({ edits: i + 1, rssMiB: rssMiB(child.pid!) });
      process.stderr.write(`leak: ${i + 1} edits, RSS ${samples[samples.length - 1]!.rssMiB} MiB\n`);
    }
  }
  await client.shutdown().catch(() => undefined);
  child.kill();
  return { samples, edit: stats(times) };
}

/** 500 specs on disk with cross-spec references. */
function writeWorkspace(dir: string, n: number): number {
  fs.rmSync(dir, { recursive: true, force: true });
  let bytes = 0;
  for (const f of generateWorkspace(n)) {
    const abs = path.join(dir, f.file);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, f.text);
    bytes += Buffer.byteLength(f.text);
  }
  return bytes;
}

async function workspace(dir: string, n: number) {
  const { child, client } = await startServer();
  let indexed!: () => void;
  const indexDone = new Promise<void>((resolve) => (indexed = resolve));
  client.connection.onNotification('$/progress', (p: { value?: { kind?: string } }) => {
    if (p.value?.kind === 'end') indexed();
  });
  const t0 = performance.now();
  await client.initialize(pathToFileURL(dir).href, { window: { workDoneProgress: true } });
  // Edit one spec while the index is being built: edits must not wait for it.
  const file = path.join(dir, 'group-1/ws-1.spec.md');
  const uri = pathToFileURL(file).href;
  const text = fs.readFileSync(file, 'utf8');
  const opened = client.waitForDiagnostics(uri, (p) => p.version === 1, 600000);
  await client.open(uri, text, 1);
  await opened;
  const line = text.split('\n').findIndex((l) => l.includes('cohort 2 '));
  const during: number[] = [];
  let indexMs = 0;
  void indexDone.then(() => (indexMs = performance.now() - t0));
  for (let v = 2; !indexMs && v < 100_000; v++) {
    const change =
      v % 2 === 0
        ? { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: 'x' }
        : { range: { start: { line, character: 0 }, end: { line, character: 1 } }, text: '' };
    const done = client.waitForDiagnostics(uri, (p) => p.version === v, 600000);
    during.push(
      await timed(async () => {
        await client.change(uri, v, [change]);
        await done;
      }),
    );
  }
  await indexDone;
  const queries = ['', 'W1', 'w25-3', 'requirement number 7', 'W499-18', 'ws', 'cohort', 'zzz', 'W3', 'number'];
  const symbols: number[] = [];
  let found = 0;
  for (let i = 0; i < 200; i++) {
    symbols.push(
      await timed(async () => {
        const r = (await client.connection.sendRequest('workspace/symbol', { query: queries[i % queries.length] })) as unknown[];
        found = Math.max(found, r.length);
      }),
    );
  }
  const rss = rssMiB(child.pid!);
  await client.shutdown().catch(() => undefined);
  child.kill();
  return { specs: n, indexMs: Math.round(indexMs), editsDuringIndex: stats(during), workspaceSymbols: stats(symbols), maxSymbols: found, rssMiB: rss };
}

/** Wall time of one run of a command, in ms. */
function wall(cmd: string, args: string[], cwd: string): number {
  const t = performance.now();
  // Findings go to /dev/null (markdownlint-cli2 writes megabytes to stderr); exit 1 means findings.
  const r = spawnSync(cmd, args, { cwd, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
  const ms = Math.round(performance.now() - t);
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`${cmd} ${args.join(' ')} failed (status ${r.status}, signal ${r.signal}, ${r.error?.message ?? 'no error'})`);
  return ms;
}

function cli(dir: string, reps: number) {
  const cliJs = path.join(ROOT, 'dist/cli.cjs');
  const mdl = path.join(ROOT, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs');
  const cacheFile = path.join(dir, '.service-spec-cache');
  const out: Record<string, { median: number; runs: number[] }> = {};
  // Interleaved, so background load hits each command alike.
  const rows: [string, string[], (() => void)?][] = [
    ['service-spec check (threads: one per core)', [cliJs, 'check', '.']],
    ['service-spec check --threads 1', [cliJs, 'check', '--threads', '1', '.']],
    ['markdownlint-cli2 "**/*.md"', [fs.existsSync(mdl) ? mdl : path.join(ROOT, 'node_modules/.bin/markdownlint-cli2'), '**/*.md']],
    [
      'service-spec check --cache (cold: no cache file)',
      [cliJs, 'check', '--cache', '.'],
      () => {
        for (const x of ['', '.models']) fs.rmSync(cacheFile + x, { force: true });
      },
    ],
    ['service-spec check --cache (unchanged re-run)', [cliJs, 'check', '--cache', '.']],
  ];
  for (let r = 0; r < reps; r++) {
    for (const [name, args, before] of rows) {
      before?.();
      const ms = wall(process.execPath, args, dir);
      (out[name] ??= { median: 0, runs: [] }).runs.push(ms);
      process.stderr.write(`cli: ${name}: ${ms} ms\n`);
    }
  }
  for (const v of Object.values(out)) v.median = Math.round(quantile(v.runs, 0.5));
  return out;
}

async function main(): Promise<void> {
  const dir = path.join(ROOT, 'bench/generated');
  fs.mkdirSync(dir, { recursive: true });
  const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version, cpus: os.availableParallelism?.() ?? os.cpus().length };
  const out: string[] = [];
  // Each phase's table is printed as soon as it is measured, and results.json rewritten, so a failure
  // later in the run loses nothing.
  const flush = () => {
    process.stdout.write(out.splice(0).join('\n') + '\n');
    fs.writeFileSync(path.join(ROOT, 'bench/results.json'), JSON.stringify(results, null, 2) + '\n');
  };
  // Each spec alone in its folder: the server reads a lone file's folder as its workspace (as `check FILE`
  // does), and the other generated specs there would be indexed while the edits are timed.
  const specFile = (n: number, corpus: Corpus = 'plain') => {
    const text = GENERATORS[corpus]({ requirements: n });
    const file = path.join(dir, `single-${corpus}-${n}`, `gen-${n}.spec.md`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return { text, file };
  };

  if (ONLY.has('edits')) {
    const runs: Run[] = [];
    for (const corpus of CORPORA) {
      for (const n of SIZES) {
        const { text, file } = specFile(n, corpus);
        for (const mode of corpus === 'dense-vscode' ? (['incremental'] as const) : (['incremental', 'naive'] as const)) {
          const r = await measure(corpus, mode, n, text, file);
          runs.push(r);
          process.stderr.write(
            `${corpus} ${mode} ${n}: open ${r.openMs} ms, edit median ${r.editMedianMs} ms, p95 ${r.editP95Ms} ms, RSS ${r.rssAfterOpenMiB}/${r.rssAfterEditsMiB} MiB\n`,
          );
        }
      }
    }
    results.edits = runs;
    out.push(
      '### Edit → diagnostics',
      '',
      '| corpus | requirements | size | findings | publish | mode | open → diagnostics | edit → diagnostics median | p95 | edits | RSS after open | RSS after edits |',
    );
    out.push('|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|');
    for (const r of runs) {
      out.push(
        `| ${r.corpus} | ${r.requirements} | ${(r.bytes / 1024).toFixed(0)} KiB | ${r.diagnostics} | ${(r.payloadBytes / 1024).toFixed(0)} KiB | ${r.mode} | ${r.openMs} ms | ${r.editMedianMs} ms | ${r.editP95Ms} ms | ${r.edits} | ${r.rssAfterOpenMiB} MiB | ${r.rssAfterEditsMiB} MiB |`,
      );
    }
    out.push(
      '',
      '| corpus | requirements | edit median: naive / incremental | open: ms per 100 KiB | incremental edit: ms per 1,000 requirements |',
      '|---|---:|---:|---:|---:|',
    );
    for (const corpus of CORPORA) {
      for (const n of SIZES) {
        const inc = runs.find((r) => r.corpus === corpus && r.requirements === n && r.mode === 'incremental')!;
        const naive = runs.find((r) => r.corpus === (corpus === 'dense-vscode' ? 'dense' : corpus) && r.requirements === n && r.mode === 'naive');
        if (!naive) continue;
        out.push(
          `| ${corpus} | ${n} | ${(naive.editMedianMs / Math.max(inc.editMedianMs, 0.1)).toFixed(0)}× | ${((inc.openMs / inc.bytes) * 102400).toFixed(0)} | ${((inc.editMedianMs / n) * 1000).toFixed(1)} |`,
        );
      }
    }
    out.push('');
  }
  flush();
  if (ONLY.has('breakdown')) {
    const rows: { corpus: Corpus; n: number; t: Record<string, number> }[] = [];
    for (const corpus of CORPORA) {
      for (const n of SIZES.filter((s) => s >= 1000)) {
        const { text, file } = specFile(n, corpus);
        const t = await breakdown(corpus, n, text, file);
        rows.push({ corpus, n, t });
        process.stderr.write(`breakdown ${corpus} ${n}: ${JSON.stringify(t)}\n`);
      }
    }
    results.breakdown = rows;
    out.push(
      '### Where a keystroke goes (server started with `--timings`; medians, ms)',
      '',
      '| corpus | requirements | parse | re-basing | rules | conversion | serialisation | other | transfer | total |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const { corpus, n, t } of rows) {
      out.push(`| ${corpus} | ${n} | ${t.parse} | ${t.rebase} | ${t.rules} | ${t.convert} | ${t.serialise} | ${t.other} | ${t.transfer} | ${t.total} |`);
    }
    out.push('');
  }
  flush();
  if (ONLY.has('open')) {
    // Open → first diagnostics, alternating this build with BENCH_COMPARE_SERVER (another build's server.cjs).
    const other = process.env.BENCH_COMPARE_SERVER;
    const servers: [string, string][] = [['this build', path.join(ROOT, 'dist/server.cjs')], ...(other ? [['compared', other] as [string, string]] : [])];
    const rows: string[] = [];
    for (const corpus of CORPORA.filter((c) => c !== 'dense-vscode')) {
      for (const n of SIZES.filter((s) => s >= 1000)) {
        const { text, file } = specFile(n, corpus);
        const times = servers.map((): number[] => []);
        for (let i = 0; i < 3; i++) for (const [k, [, server]] of servers.entries()) times[k]!.push(await openTime(server, text, file));
        rows.push(
          `| ${corpus} | ${n} | ${servers.map(([name], k) => `${name}: ${times[k]!.map((t) => t.toFixed(0)).join(' / ')} (median ${quantile(times[k]!, 0.5).toFixed(0)})`).join(' | ')} |`,
        );
        process.stderr.write(`open ${rows[rows.length - 1]}\n`);
      }
    }
    results.open = rows;
    out.push(
      '### Open → first diagnostics (3 alternating runs, ms)',
      '',
      `| corpus | requirements | ${servers.map(([n]) => n).join(' | ')} |`,
      `|---|---:|${servers.map(() => '---|').join('')}`,
      ...rows,
      '',
    );
  }
  flush();
  if (ONLY.has('interactive')) {
    const { text, file } = specFile(1000);
    const r = await interactive(text, file);
    results.interactive = r;
    out.push('### Hover, completion, code lens (1,000 requirements)', '', '| request | median | p95 | requests |', '|---|---:|---:|---:|');
    for (const [k, v] of Object.entries(r)) out.push(`| ${k} | ${ms(v.median)} | ${ms(v.p95)} | ${v.n} |`);
    out.push('');
  }
  flush();
  if (ONLY.has('leak')) {
    const { text, file } = specFile(1000);
    const edits = Number(process.env.BENCH_LEAK_EDITS ?? 10_000);
    const r = await leak(text, file, edits);
    results.leak = r;
    const after = r.samples.slice(1);
    const base = after[0]?.rssMiB ?? r.samples[0]!.rssMiB;
    const drift = Math.max(...after.map((s) => Math.abs(s.rssMiB - base) / base));
    out.push(`### Memory over ${edits.toLocaleString('en-GB')} edits (1,000 requirements)`, '', '| edits | RSS |', '|---:|---:|');
    for (const smp of r.samples) out.push(`| ${smp.edits.toLocaleString('en-GB')} | ${smp.rssMiB} MiB |`);
    out.push(
      '',
      `Largest deviation from the RSS after the first 1,000 edits: ${(drift * 100).toFixed(1)}%; edit → diagnostics median ${ms(r.edit.median)}, p95 ${ms(r.edit.p95)}.`,
      '',
    );
  }
  flush();
  const wsDir = path.join(dir, 'workspace-500');
  if (ONLY.has('workspace') || ONLY.has('cli')) {
    const bytes = writeWorkspace(wsDir, 500);
    results.workspaceBytes = bytes;
    out.push(
      `Workspace: 500 generated specs, ${(bytes / 1048576).toFixed(1)} MiB, 18 requirements each, each spec's first requirement depending on one in the next spec.`,
      '',
    );
  }
  flush();
  if (ONLY.has('workspace')) {
    const r = await workspace(wsDir, 500);
    results.workspace = r;
    out.push('### Workspace of 500 specs', '', '| measure | value |', '|---|---:|');
    out.push(`| index built in the background (initialize → progress end) | ${r.indexMs} ms |`);
    out.push(
      `| edit → diagnostics while indexing: median / p95 (${r.editsDuringIndex.n} edits) | ${ms(r.editsDuringIndex.median)} / ${ms(r.editsDuringIndex.p95)} |`,
    );
    out.push(
      `| workspace symbols: median / p95 (${r.workspaceSymbols.n} queries, up to ${r.maxSymbols} results) | ${ms(r.workspaceSymbols.median)} / ${ms(r.workspaceSymbols.p95)} |`,
    );
    out.push(`| server RSS with the index built | ${r.rssMiB} MiB |`, '');
  }
  flush();
  if (ONLY.has('cli')) {
    const reps = Number(process.env.BENCH_CLI_REPS ?? 3);
    const r = cli(wsDir, reps);
    results.cli = r;
    const mdl = r['markdownlint-cli2 "**/*.md"']!.median;
    out.push(`### CLI on the 500 specs (median of ${reps}, interleaved)`, '', '| command | wall time | markdownlint-cli2 / this |', '|---|---:|---:|');
    for (const [k, v] of Object.entries(r)) out.push(`| \`${k}\` | ${v.median} ms | ${(mdl / v.median).toFixed(2)}× |`);
    const cold = r['service-spec check --cache (cold: no cache file)']!.median;
    const warm = r['service-spec check --cache (unchanged re-run)']!.median;
    const plain = r['service-spec check (threads: one per core)']!.median;
    out.push(
      '',
      `Unchanged re-run with \`--cache\`: ${(plain / warm).toFixed(1)}× faster than without a cache, ${(cold / warm).toFixed(1)}× faster than the cold cache run.`,
      '',
    );
  }
  flush();
}

main().catch((e) => {
  process.stderr.write(String(e?.stack ?? e) + '\n');
  process.exit(1);
});
