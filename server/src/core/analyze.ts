/**
 * Runs the rules. `checkSpec` and `checkConfigFile` are what the CLI, the language server and the tests
 * call; they never throw (a rule that throws becomes one diagnostic naming it, and the others still run).
 */
import type { LoadedConfig, SeveritySetting } from './config.js';
import { compareDiagnostics, type Severity, type SpecDiagnostic } from './diagnostics.js';
import type { SpecModel } from './model.js';
import { RULES } from './rules/index.js';
import type { ReviewOfSpec, Rule } from './rules/types.js';
import type { ReviewFile, ReviewNote } from './review/sidecar.js';
import { anchorNote, type Anchor } from './review/anchor.js';
import { LineIndex, type Range } from './text.js';
import { WorkspaceIndex } from './workspace.js';

export interface CheckOptions {
  config: LoadedConfig;
  workspace?: WorkspaceIndex;
  /** Folder of the spec, in the form the workspace index uses. */
  dir?: string;
  /** Severity overrides from editor settings; they win over the configuration file. */
  severityOverrides?: Record<string, SeveritySetting | undefined>;
  rules?: readonly Rule[];
  /** Review sidecars of this spec (for open-objection). */
  reviews?: ReviewOfSpec[];
}

/** The severity set for a rule id (editor override > config `rules.<id>.severity`), or undefined for its default. */
export function severitySetFor(id: string, options: Pick<CheckOptions, 'config' | 'severityOverrides'>): SeveritySetting | undefined {
  return options.severityOverrides?.[id] ?? options.config.config.rules[id]?.severity;
}

/** The effective severity of a rule, or 'off'. */
export function severityOf(rule: Rule, options: Pick<CheckOptions, 'config' | 'severityOverrides'>): SeveritySetting {
  return severitySetFor(rule.id, options) ?? rule.defaultSeverity;
}

export function checkSpec(spec: SpecModel, options: CheckOptions): SpecDiagnostic[] {
  let lines: LineIndex | undefined;
  const lineOf = (offset: number) => (lines ??= new LineIndex(spec.text)).positionAt(offset).line + 1;
  const workspace = options.workspace ?? new WorkspaceIndex();
  return runRules('checkSpec', options, spec.text.length, (rule, report) =>
    rule.checkSpec!({
      spec,
      config: options.config.config,
      settings: options.config.config.rules[rule.id] ?? {},
      workspace,
      dir: options.dir,
      lineOf,
      reviews: options.reviews ?? [],
      report,
      severitySetFor: (id) => severitySetFor(id, options),
    }),
  );
}

/** Diagnostics for the configuration file itself (rule invalid-config). */
export function checkConfigFile(loaded: LoadedConfig, options: Pick<CheckOptions, 'severityOverrides' | 'rules'> = {}): SpecDiagnostic[] {
  return runRules('checkConfig', { ...options, config: loaded }, Number.MAX_SAFE_INTEGER, (rule, report) => rule.checkConfig!({ loaded, report }));
}

/** Each note's anchor in the spec (all orphaned when the spec could not be read). */
export function anchorsOf(review: ReviewFile, spec: SpecModel | undefined): Map<ReviewNote, Anchor> {
  const out = new Map<ReviewNote, Anchor>();
  for (const n of review.notes) out.set(n, spec ? anchorNote(n, spec) : { state: 'orphaned' });
  return out;
}

/** Diagnostics for a review sidecar (invalid-review-file, stale / orphaned / reanchored notes). */
export function checkReviewFile(
  review: ReviewFile,
  spec: SpecModel | undefined,
  specProblem: string | undefined,
  options: Pick<CheckOptions, 'config' | 'severityOverrides' | 'rules'>,
): SpecDiagnostic[] {
  const anchors = anchorsOf(review, spec);
  return runRules('checkReview', options, review.text.length, (rule, report) => rule.checkReview!({ review, spec, specProblem, anchors, report }));
}

type Report = (range: Range, message: string, data?: Record<string, unknown>, own?: Severity) => void;

/**
 * The one rule runner, for specs, configuration files and review sidecars alike: each rule of the kind at
 * its effective severity (`severityOf`; `off` skips it), findings clamped into the text, and a rule that
 * throws becomes one finding naming it while the others still run.
 */
function runRules(
  kind: 'checkSpec' | 'checkConfig' | 'checkReview',
  options: Pick<CheckOptions, 'config' | 'severityOverrides' | 'rules'>,
  length: number,
  run: (rule: Rule, report: Report) => void,
): SpecDiagnostic[] {
  const out: SpecDiagnostic[] = [];
  for (const rule of options.rules ?? RULES) {
    if (!rule[kind]) continue;
    const severity = severityOf(rule, options);
    if (severity === 'off') continue;
    const report: Report = (range, message, data, own) => {
      out.push({ range: clamp(range, length), severity: findingSeverity(rule, severity, own), code: rule.id, message, ...(data ? { data } : {}) });
    };
    try {
      run(rule, report);
    } catch (e) {
      out.push({ range: { start: 0, end: 0 }, severity: 'error', code: rule.id, message: `Rule ${rule.id} failed on this file: ${(e as Error).message}` });
    }
  }
  return out.sort(compareDiagnostics);
}

/**
 * A finding's own severity (unknown configuration keys are warnings where invalid-config is an error) holds
 * while the rule keeps its default severity; a severity set in the configuration or the editor applies to
 * every finding of the rule.
 */
function findingSeverity(rule: Rule, effective: Severity, own: Severity | undefined): Severity {
  return own && effective === rule.defaultSeverity ? own : effective;
}

function clamp(r: Range, length: number): Range {
  const start = Math.max(0, Math.min(r.start, length));
  return { start, end: Math.max(start, Math.min(r.end, length)) };
}
