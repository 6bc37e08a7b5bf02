/** The shape of a rule: an id, a default severity, a one-line description and a pure check function. */
import type { ServiceSpecConfig, RuleSettings, LoadedConfig, SeveritySetting } from '../config.js';
import type { Severity } from '../diagnostics.js';
import type { Requirement, SpecModel } from '../model.js';
import type { Range } from '../text.js';
import type { WorkspaceIndex } from '../workspace.js';
import type { ReviewFile, ReviewNote } from '../review/sidecar.js';
import type { Anchor } from '../review/anchor.js';

/** A sidecar that reviews a spec, with each note's anchor in that spec. */
export interface ReviewOfSpec {
  /** Path or URI of the sidecar. */
  file: string;
  review: ReviewFile;
  anchors: Map<ReviewNote, Anchor>;
}

export interface SpecRuleContext {
  spec: SpecModel;
  config: ServiceSpecConfig;
  /** This rule's settings from the configuration (`rules.<id>`). */
  settings: RuleSettings;
  workspace: WorkspaceIndex;
  /** Folder of the spec, in the same form the workspace index uses. */
  dir: string | undefined;
  /** 1-based line of an offset, for messages such as "first at line 12". */
  lineOf(offset: number): number;
  /** Review sidecars whose `spec:` is this spec. */
  reviews: ReviewOfSpec[];
  report(range: Range, message: string, data?: Record<string, unknown>, severity?: Severity): void;
  /**
   * The severity set for a rule by the editor settings or else by the configuration (`rules.<id>.severity`),
   * or undefined when that rule is left at its default. Lets a rule follow another's setting
   * (placeholder-value in a required field follows the matching missing-* rule).
   */
  severitySetFor(ruleId: string): SeveritySetting | undefined;
}

export interface ReviewRuleContext {
  review: ReviewFile;
  /** The spec it reviews, when it could be read. */
  spec: SpecModel | undefined;
  /** Why the spec could not be read (missing, outside the workspace), when it could not. */
  specProblem: string | undefined;
  anchors: Map<ReviewNote, Anchor>;
  report(range: Range, message: string, data?: Record<string, unknown>, severity?: Severity): void;
}

export interface ConfigRuleContext {
  loaded: LoadedConfig;
  report(range: Range, message: string, data?: Record<string, unknown>, severity?: Severity): void;
}

export interface Rule {
  /** Stable kebab-case id, used as the diagnostic code and the docs page name (docs/rules/<id>.md). */
  id: string;
  defaultSeverity: Severity;
  /** One line, for rule tables, SARIF and `--help`. */
  description: string;
  /** Findings about the whole spec (duplicates, references, the front-matter, totals). */
  checkSpec?(ctx: SpecRuleContext): void;
  /**
   * Findings about one requirement, from that requirement, the front-matter and the configuration only.
   * The runner calls it for each requirement, and an open document reuses the findings of requirements an
   * edit did not touch (core/analyze.ts).
   */
  checkRequirement?(ctx: SpecRuleContext, req: Requirement): void;
  /**
   * For a `checkSpec` rule that reads nothing but the requirements, the front-matter, the configuration and
   * the workspace: what it reads of one requirement, as a string. An open document reuses the rule's last
   * findings while every requirement the edit replaced gives the same key as the one it replaced (core/analyze.ts).
   */
  requirementKey?(req: Requirement, config: ServiceSpecConfig): string;
  checkConfig?(ctx: ConfigRuleContext): void;
  checkReview?(ctx: ReviewRuleContext): void;
}

export const PLACEHOLDER = /^(tbc|tbd|todo|\?|n\/a|to be confirmed)\.?$/i;

/** Whether a value (a whole field value or one item of a list) is a placeholder. */
export function isPlaceholder(text: string): boolean {
  return PLACEHOLDER.test(text.replace(/^[`*_]+|[`*_]+$/g, '').trim());
}
