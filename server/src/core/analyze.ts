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
  /** Findings of requirement-local rules kept between checks of one document (the server keeps one per document). */
  ruleCache?: RuleCache;
}

/**
 * Findings of requirement-local rules (`Rule.local`) per requirement text, kept between successive checks
 * of one document: after an edit, only the requirements whose text changed are checked again by those rules.
 * Findings are stored with the requirement's start and moved when it has moved. Anything the key
 * does not cover (front-matter, configuration, severity overrides) clears the cache when it changes.
 */
export class RuleCache {
  private entries = new Map<string, Map<string, Placed>>();
  private used = new Map<string, Map<string, Placed>>();
  private context: { config: unknown; key: string } | undefined;
  /** Requirement × rule results reused in the last check (for tests). */
  reused = 0;

  begin(config: unknown, key: string): void {
    this.reused = 0;
    if (this.context && this.context.config === config && this.context.key === key) return;
    this.context = { config, key };
    this.entries.clear();
    this.used.clear();
  }

  /** The findings stored for one requirement text, rule by rule (looked up once per requirement per check). */
  slot(req: string): Map<string, Placed> {
    let m = this.used.get(req);
    if (!m) {
      m = this.entries.get(req) ?? new Map();
      this.used.set(req, m);
    }
    return m;
  }

  /** Keeps only what the last check used, so memory follows the current text. */
  sweep(): void {
    this.entries = this.used;
    this.used = new Map();
  }
}

/** A requirement's findings for one rule, at the offset where the requirement started when they were placed. */
interface Placed {
  base: number;
  diagnostics: SpecDiagnostic[];
}

const moved = (d: SpecDiagnostic, by: number): SpecDiagnostic => ({ ...d, range: { start: d.range.start + by, end: d.range.end + by } });

/**
 * Runs a requirement-local rule on the requirements whose findings are not cached, and reuses the others'.
 * Findings are attributed to the requirement whose range holds them; a finding outside every requirement
 * (a rule breaking the `local` contract) is reported but nothing of that run is cached.
 */
function checkLocal(rule: Rule, severity: SeveritySetting, spec: SpecModel, cache: RuleCache, slots: Map<string, Placed>[], run: (subset: SpecModel, report: (d: SpecDiagnostic) => void) => void, out: SpecDiagnostic[]): void {
  const ruleKey = `${rule.id}\u0000${severity}`;
  const missing: number[] = [];
  spec.requirements.forEach((req, i) => {
    let hit = slots[i]!.get(ruleKey);
    if (hit) {
      cache.reused++;
      // Unmoved (before the edit): the same objects; moved: copies, kept for the next check.
      if (hit.base !== req.range.start) {
        const by = req.range.start - hit.base;
        hit = { base: req.range.start, diagnostics: hit.diagnostics.map((d) => moved(d, by)) };
        slots[i]!.set(ruleKey, hit);
      }
      for (const d of hit.diagnostics) out.push(d);
    } else missing.push(i);
  });
  if (!missing.length) return;
  const found: SpecDiagnostic[] = [];
  run({ ...spec, requirements: missing.map((i) => spec.requirements[i]!) }, (d) => found.push(d));
  const groups = new Map<number, SpecDiagnostic[]>(missing.map((i) => [i, []]));
  let stray = false;
  for (const d of found) {
    out.push(d);
    // The last missing requirement starting at or before the finding (requirements are in text order).
    let lo = 0;
    let hi = missing.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (spec.requirements[missing[mid]!]!.range.start <= d.range.start) lo = mid;
      else hi = mid - 1;
    }
    const i = missing[lo]!;
    const r = spec.requirements[i]!.range;
    if (!(d.range.start >= r.start && d.range.end <= r.end)) stray = true;
    // Stored copies share no string with this version of the text (a slice would keep it alive).
    else groups.get(i)!.push({ ...(JSON.parse(JSON.stringify(d)) as SpecDiagnostic), range: d.range });
  }
  if (stray) return;
  for (const [i, list] of groups) slots[i]!.set(ruleKey, { base: spec.requirements[i]!.range.start, diagnostics: list });
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
  const cache = options.ruleCache;
  let slots: Map<string, Placed>[] | undefined;
  if (cache) {
    const fm = spec.text.slice(0, spec.frontMatter.range.end);
    cache.begin(options.config, `${fm}\u0000${JSON.stringify(options.severityOverrides ?? {})}`);
    // A requirement's key: its section and its text (ranges are stored relative to its start).
    slots = spec.requirements.map((r) => cache.slot(`${r.depth}\u0000${r.section ?? ''}\u0000${spec.text.slice(r.range.start, r.range.end)}`));
  }
  for (const rule of options.rules ?? RULES) {
    if (!rule.checkSpec) continue;
    const severity = severityOf(rule, options);
    if (severity === 'off') continue;
    const run = (target: SpecModel, push: (d: SpecDiagnostic) => void) => {
      const report = (range: Range, message: string, data?: Record<string, unknown>, own?: Severity) => {
        push({ range: clamp(range, spec.text.length), severity: own ?? severity, code: rule.id, message, ...(data ? { data } : {}) });
      };
      rule.checkSpec!({
        spec: target,
        config: options.config.config,
        settings: options.config.config.rules[rule.id] ?? {},
        workspace,
        dir: options.dir,
        lineOf,
        reviews: options.reviews ?? [],
        report,
      });
    };
    try {
      if (cache && slots && rule.local) {
        checkLocal(rule, severity, spec, cache, slots, run, out);
        continue;
      }
      run(spec, (d) => out.push(d));
    } catch (e) {
      out.push({ range: { start: 0, end: 0 }, severity: 'error', code: rule.id, message: `Rule ${rule.id} failed on this file: ${(e as Error).message}` });
    }
  }
  cache?.sweep();
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
