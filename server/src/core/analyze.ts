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

/** The effective severity of a rule, or 'off'. */
export function severityOf(rule: Rule, options: Pick<CheckOptions, 'config' | 'severityOverrides'>): SeveritySetting {
  return options.severityOverrides?.[rule.id] ?? options.config.config.rules[rule.id]?.severity ?? rule.defaultSeverity;
}

export function checkSpec(spec: SpecModel, options: CheckOptions): SpecDiagnostic[] {
  const out: SpecDiagnostic[] = [];
  let lines: LineIndex | undefined;
  const lineOf = (offset: number) => (lines ??= new LineIndex(spec.text)).positionAt(offset).line + 1;
  const workspace = options.workspace ?? new WorkspaceIndex();
  for (const rule of options.rules ?? RULES) {
    if (!rule.checkSpec) continue;
    const severity = severityOf(rule, options);
    if (severity === 'off') continue;
    const report = (range: Range, message: string, data?: Record<string, unknown>, own?: Severity) => {
      out.push({ range: clamp(range, spec.text.length), severity: own ?? severity, code: rule.id, message, ...(data ? { data } : {}) });
    };
    try {
      rule.checkSpec({
        spec,
        config: options.config.config,
        settings: options.config.config.rules[rule.id] ?? {},
        workspace,
        dir: options.dir,
        lineOf,
        reviews: options.reviews ?? [],
        report,
      });
    } catch (e) {
      out.push({ range: { start: 0, end: 0 }, severity: 'error', code: rule.id, message: `Rule ${rule.id} failed on this file: ${(e as Error).message}` });
    }
  }
  return out.sort(compareDiagnostics);
}

/** Diagnostics for the configuration file itself (rule invalid-config). */
export function checkConfigFile(loaded: LoadedConfig, options: Pick<CheckOptions, 'severityOverrides' | 'rules'> = {}): SpecDiagnostic[] {
  const out: SpecDiagnostic[] = [];
  for (const rule of options.rules ?? RULES) {
    if (!rule.checkConfig) continue;
    const severity = severityOf(rule, { config: loaded, severityOverrides: options.severityOverrides });
    if (severity === 'off') continue;
    rule.checkConfig({
      loaded,
      report: (range, message, data, own) =>
        out.push({ range, severity: own && severity === 'error' ? own : severity, code: rule.id, message, ...(data ? { data } : {}) }),
    });
  }
  return out.sort(compareDiagnostics);
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
  const out: SpecDiagnostic[] = [];
  const anchors = anchorsOf(review, spec);
  for (const rule of options.rules ?? RULES) {
    if (!rule.checkReview) continue;
    const severity = severityOf(rule, options);
    if (severity === 'off') continue;
    rule.checkReview({
      review,
      spec,
      specProblem,
      anchors,
      report: (range, message, data) => out.push({ range: clamp(range, review.text.length), severity, code: rule.id, message, ...(data ? { data } : {}) }),
    });
  }
  return out.sort(compareDiagnostics);
}

function clamp(r: Range, length: number): Range {
  const start = Math.max(0, Math.min(r.start, length));
  return { start, end: Math.max(start, Math.min(r.end, length)) };
}
