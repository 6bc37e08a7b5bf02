/** Builders for ledger tests: versions from text in memory, the ledger command run in-process. */
import { defaultConfig, type ServiceSpecConfig } from '../../server/src/core/config.js';
import { buildLedger, type Ledger, type LedgerVersionInput } from '../../server/src/core/ledger/index.js';
import { parseSpec } from '../../server/src/core/parse.js';
import { parseReview } from '../../server/src/core/review/sidecar.js';
import { run } from '../helpers/cli.js';
import { ROOT, joinLines } from '../helpers/golden.js';

export interface SpecSource {
  file?: string;
  text: string;
  config?: ServiceSpecConfig;
}

export interface VersionSource {
  path?: string;
  specs: SpecSource[];
  /** Sidecar texts, each reviewing the spec at `spec` (index, default 0). */
  sidecars?: { file?: string; text: string; spec?: number }[];
}

/** One version in memory: parsed specs (default configuration) and parsed sidecars. */
export function version(v: VersionSource, i: number): LedgerVersionInput {
  const config = defaultConfig().config;
  return {
    path: v.path ?? `v${i + 1}`,
    specs: v.specs.map((s, k) => ({ file: s.file ?? `v${i + 1}/spec${k}.spec.md`, model: parseSpec(s.text), config: s.config ?? config })),
    sidecars: (v.sidecars ?? []).map((s, k) => ({ file: s.file ?? `v${i + 1}/r${k}.review.yaml`, review: parseReview(s.text), spec: s.spec ?? 0 })),
  };
}

export function ledgerOf(...versions: VersionSource[]): Ledger {
  return buildLedger(versions.map(version));
}

export interface Req {
  id: string;
  title: string;
  prose?: string;
  deadline?: string;
  funding?: string;
  deliverability?: string;
  section?: string;
  workload?: string[];
}

/** A spec's text from its front-matter id and version and its requirements (sections in order of first use). */
export function specText(id: string, versionName: string, reqs: Req[]): string {
  const lines = ['---', `id: ${id}`, `title: ${id}`, `version: ${JSON.stringify(versionName)}`, 'status: draft', 'published: 2020-01-01', '---', `# ${id}`, ''];
  let section: string | undefined;
  for (const r of reqs) {
    if (r.section !== undefined && r.section !== section) {
      section = r.section;
      lines.push(`## ${section}`, '');
    }
    lines.push(`### ${r.id}: ${r.title}`, r.prose ?? `${r.title} is what the network does.`, '');
    lines.push(
      `- **Deadline:** ${r.deadline ?? '2020-12-31'}`,
      `- **Funding:** ${r.funding ?? 'arrs'}`,
      `- **Deliverability:** ${r.deliverability ?? 'amber: needs staff'}`,
      '',
    );
    if (r.workload) lines.push('```workload', ...r.workload, '```', '');
  }
  return joinLines(...lines);
}

export interface NoteSpec {
  id: string;
  requirement: string;
  quote?: string;
  field?: string;
  snapshot?: string;
  stance?: string;
  status?: string;
}

export function sidecarText(spec: string, reviewer: string | undefined, notes: NoteSpec[]): string {
  const lines = [`spec: ${spec}`];
  if (reviewer !== undefined) lines.push(`reviewer: ${JSON.stringify(reviewer)}`);
  lines.push('notes:');
  for (const n of notes) {
    lines.push(`  - id: ${JSON.stringify(n.id)}`, `    requirement: ${n.requirement}`);
    if (n.field) lines.push(`    field: ${n.field}`);
    if (n.quote !== undefined) lines.push(`    quote: ${JSON.stringify(n.quote)}`);
    if (n.snapshot !== undefined) lines.push(`    snapshot: ${JSON.stringify(n.snapshot)}`);
    lines.push(`    stance: ${n.stance ?? 'object'}`, `    status: ${n.status ?? 'open'}`);
  }
  return joinLines(...lines, '');
}

/** Runs `service-spec ledger ARGS` in-process (through the CLI's main) from a folder (default: the repository root). */
export function runLedgerCli(args: string[], cwd = ROOT): { code: number; stdout: string; stderr: string } {
  return run(['ledger', ...args], cwd);
}
