/**
 * Runs the rules. `checkSpec` and `checkConfigFile` are what the CLI, the language server and the tests
 * call; they never throw (a rule that throws becomes one diagnostic naming it, and the others still run).
 */
import type { LoadedConfig, ServiceSpecConfig, SeveritySetting } from './config.js';
import { compareDiagnostics, type Severity, type SpecDiagnostic } from './diagnostics.js';
import type { Requirement, SpecModel } from './model.js';
import { RULES } from './rules/index.js';
import type { ReviewOfSpec, Rule, SpecRuleContext } from './rules/types.js';
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
  /**
   * Findings of per-requirement rules kept by requirement object, for the models of one open document
   * (core/liveDocument.ts keeps the objects of requirements an edit did not touch).
   */
  cache?: RequirementFindings;
}

/**
 * Per-requirement findings of one document, reused while the requirement object, the configuration, the
 * severities and the front-matter object are the same. Ranges of reused findings follow their requirement
 * when an edit before it moved it (in place: only the latest analysis of a document is ever used).
 */
export class RequirementFindings {
  private byRequirement = new WeakMap<Requirement, { at: number; findings: SpecDiagnostic[] }>();
  private key: readonly unknown[] = [];
  /** Requirements checked (not reused) by the last run: for tests and the benchmark. */
  checked = 0;

  /** Forgets everything when what per-requirement rules read (besides the requirement) changed. */
  use(key: readonly unknown[]): void {
    this.checked = 0;
    this.wholeRuns = 0;
    if (sameKey(key, this.key)) return;
    this.key = key;
    this.byRequirement = new WeakMap();
    this.whole.clear();
  }

  get(req: Requirement): SpecDiagnostic[] | undefined {
    const hit = this.byRequirement.get(req);
    if (!hit) return undefined;
    const delta = req.range.start - hit.at;
    if (delta !== 0) {
      for (const d of hit.findings) {
        d.range.start += delta;
        d.range.end += delta;
      }
      hit.at = req.range.start;
    }
    return hit.findings;
  }

  set(req: Requirement, findings: SpecDiagnostic[]): void {
    this.checked++;
    this.byRequirement.set(req, { at: req.range.start, findings });
  }

  /** Whole-spec findings of rules with a `requirementKey`, by rule, with what they were computed from. */
  private whole = new Map<Rule, WholeSpecRun>();
  /** Whole-spec rules run (not reused) by the last check: for tests and the benchmark. */
  wholeRuns = 0;

  /** The findings to report again for a whole-spec rule, when nothing it reads changed; else undefined. */
  reuse(rule: Rule, requirements: readonly Requirement[], key: readonly unknown[], config: ServiceSpecConfig): Reported[] | undefined {
    const last = this.whole.get(rule);
    if (!last || last.usedLines || last.requirements.length !== requirements.length || !sameKey(last.key, key)) return undefined;
    const keyOf = rule.requirementKey!;
    for (let i = 0; i < requirements.length; i++) {
      const was = last.requirements[i]!;
      const now = requirements[i]!;
      // A replaced requirement must read the same, and hold none of the findings (which may have moved in it).
      if (was !== now && (last.owners.has(i) || keyOf(was, config) !== keyOf(now, config))) return undefined;
    }
    // Same findings; each moves with the requirement it is in (by position in the list, which did not change).
    last.requirements = requirements;
    for (const f of last.findings) {
      if (f.owner < 0) continue;
      const delta = requirements[f.owner]!.range.start - f.at;
      f.range = { start: f.range.start + delta, end: f.range.end + delta };
      f.at += delta;
    }
    return last.findings;
  }

  remember(rule: Rule, run: WholeSpecRun): void {
    this.wholeRuns++;
    this.whole.set(rule, run);
  }
}

/** A finding as a rule reported it, with the requirement (index) it is in and that requirement's start then. */
interface Reported {
  range: Range;
  message: string;
  data?: Record<string, unknown>;
  own?: Severity;
  owner: number;
  at: number;
}

interface WholeSpecRun {
  requirements: readonly Requirement[];
  key: readonly unknown[];
  findings: Reported[];
  /** Indexes of the requirements holding findings. */
  owners: Set<number>;
  /**
   * The rule asked for line numbers (its messages hold some), or reported outside every requirement after
   * the first one: not reused, since lines may have moved and such a finding moves with nothing.
   */
  usedLines: boolean;
}

function sameKey(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

/** The index of the requirement holding `offset` (requirements are in order and do not overlap), or -1. */
function ownerOf(requirements: readonly Requirement[], offset: number): number {
  let lo = 0;
  let hi = requirements.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = requirements[mid]!.range;
    if (offset < r.start) hi = mid - 1;
    else if (offset >= r.end && !(offset === r.end && mid === requirements.length - 1)) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** The severity set for a rule id (editor override > config `rules.<id>.severity`), or undefined for its default. */
export function severitySetFor(id: string, options: Pick<CheckOptions, 'config' | 'severityOverrides'>): SeveritySetting | undefined {
  return options.severityOverrides?.[id] ?? options.config.config.rules[id]?.severity;
}

/** The effective severity of a rule, or 'off'. */
export function severityOf(rule: Rule, options: Pick<CheckOptions, 'config' | 'severityOverrides'>): SeveritySetting {
  return severitySetFor(rule.id, options) ?? rule.defaultSeverity;
}

/** The workspace of a spec checked alone (rules only read it). */
const NO_WORKSPACE = new WorkspaceIndex();

export function checkSpec(spec: SpecModel, options: CheckOptions): SpecDiagnostic[] {
  let lines: LineIndex | undefined;
  const lineOf = (offset: number) => (lines ??= new LineIndex(spec.text)).positionAt(offset).line + 1;
  const workspace = options.workspace ?? NO_WORKSPACE;
  const context = (rule: Rule, report: Report): SpecRuleContext => ({
    spec,
    config: options.config.config,
    settings: options.config.config.rules[rule.id] ?? {},
    workspace,
    dir: options.dir,
    lineOf,
    reviews: options.reviews ?? [],
    report,
    severitySetFor: (id) => severitySetFor(id, options),
  });
  const cache = options.cache;
  cache?.use([options.config, options.severityOverrides, spec.frontMatter, options.rules]);
  // What whole-spec rules with a requirement key read besides the requirements.
  const wholeKey = [workspace, workspace.version, workspace.complete, options.dir];
  const whole = runRules('checkSpec', options, spec.text.length, (rule, report) => {
    if (!cache || !rule.requirementKey) return rule.checkSpec!(context(rule, report));
    const again = cache.reuse(rule, spec.requirements, wholeKey, options.config.config);
    if (again) {
      for (const f of again) report(f.range, f.message, f.data, f.own);
      return;
    }
    const run: WholeSpecRun = { requirements: spec.requirements, key: wholeKey, findings: [], owners: new Set(), usedLines: false };
    const ctx = context(rule, (range, message, data, own) => {
      const owner = ownerOf(spec.requirements, range.start);
      if (owner < 0 && spec.requirements.length && range.start >= spec.requirements[0]!.range.start) run.usedLines = true;
      run.owners.add(owner);
      run.findings.push({ range: { ...range }, message, data, own, owner, at: owner < 0 ? 0 : spec.requirements[owner]!.range.start });
      report(range, message, data, own);
    });
    ctx.lineOf = (offset) => {
      run.usedLines = true;
      return lineOf(offset);
    };
    rule.checkSpec!(ctx);
    cache.remember(rule, run);
  });
  // Both lists are in order: the merged list is a few runs, which the sort merges in linear time.
  return checkRequirements(spec, options, context).concat(whole).sort(compareDiagnostics);
}

/**
 * The per-requirement rules, requirement by requirement (each requirement's findings in order, so the
 * whole list is in order: requirements do not overlap), reusing cached findings by requirement object.
 */
function checkRequirements(spec: SpecModel, options: CheckOptions, context: (rule: Rule, report: Report) => SpecRuleContext): SpecDiagnostic[] {
  const rules = (options.rules ?? RULES).filter((r) => r.checkRequirement && severityOf(r, options) !== 'off');
  const cache = options.cache;
  const out: SpecDiagnostic[] = [];
  const failed = new Set<Rule>();
  let req: Requirement;
  let findings: SpecDiagnostic[] = [];
  // One context per rule for the whole run; `req` and `findings` change under it.
  const contexts = rules.map((rule) => {
    const severity = severityOf(rule, options) as Severity;
    const ctx = context(rule, (range, message, data, own) => {
      findings.push({
        range: clamp(range, spec.text.length),
        severity: findingSeverity(rule, severity, own),
        code: rule.id,
        message,
        ...(data ? { data } : {}),
      });
    });
    return { rule, ctx };
  });
  for (req of spec.requirements) {
    const hit = cache?.get(req);
    if (hit) {
      for (const d of hit) out.push(d);
      continue;
    }
    findings = [];
    let threw = false;
    for (const { rule, ctx } of contexts) {
      try {
        rule.checkRequirement!(ctx, req);
      } catch (e) {
        threw = true;
        if (!failed.has(rule)) out.push(ruleFailed(rule, e));
        failed.add(rule);
      }
    }
    findings.sort(compareDiagnostics);
    if (!threw) cache?.set(req, findings);
    for (const d of findings) out.push(d);
  }
  return out;
}

function ruleFailed(rule: Rule, e: unknown): SpecDiagnostic {
  return { range: { start: 0, end: 0 }, severity: 'error', code: rule.id, message: `Rule ${rule.id} failed on this file: ${(e as Error).message}` };
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
      out.push(ruleFailed(rule, e));
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
