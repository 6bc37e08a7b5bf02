/**
 * The typed model of a service specification. Every element carries exact source ranges (UTF-16
 * offsets into the BOM-less text). Built by `parseSpec` (parse.ts); read by rules, hovers, the CLI.
 */
import type { MarkdownLimit } from './markdown.js';
import type { Range } from './text.js';
import type { ParsedYaml } from './yamlSource.js';

export interface Problem {
  range: Range;
  message: string;
  /** Lets a rule word or filter a problem without parsing its message. */
  kind?: string;
  data?: Record<string, unknown>;
}

export type FrontMatterKey = 'id' | 'title' | 'version' | 'status' | 'published' | 'contract' | 'consultation-closes' | 'effective' | 'owner' | 'supersedes';

export interface FrontMatterEntry {
  key: string;
  /** The value as text (scalars only; collections are invalid for every known key). */
  value: string | undefined;
  raw: unknown;
  keyRange: Range;
  valueRange: Range;
}

export interface FrontMatter {
  /** Whether the file starts with a `---` line at all. */
  present: boolean;
  /** Whether a closing `---` was found. */
  terminated: boolean;
  /** The whole block, from the opening `---` to the end of the closing one. */
  range: Range;
  /** The opening `---` line: where problems about missing keys point. */
  openRange: Range;
  entries: Map<string, FrontMatterEntry>;
  /** Valid values of known keys, after schema checks. */
  values: Partial<Record<FrontMatterKey, string>>;
  /** YAML syntax errors, schema violations and missing keys (rule invalid-front-matter). */
  problems: Problem[];
  /** Keys the format does not define (rule unknown-front-matter-key). */
  unknownKeys: FrontMatterEntry[];
}

export interface ValuePart {
  /** The item as written, without surrounding markup such as backticks. */
  text: string;
  range: Range;
}

export interface Field {
  /** Label as written, without `**` and `:` (e.g. "Depends on"). */
  label: string;
  /** Lower-cased label, for lookups. */
  key: string;
  labelRange: Range;
  /** The value with whitespace runs collapsed; '' when empty. */
  value: string;
  /** Range of the value as written (empty range just after the label when the value is empty). */
  valueRange: Range;
  /** Range of the whole list item's first line(s): the field as a unit. */
  range: Range;
  /** Comma-separated parts, with their own ranges (for list-valued fields). */
  parts: ValuePart[];
}

export const WORKLOAD_KEYS = ['role', 'minutes', 'every', 'per', 'share', 'rate-per-1000', 'from', 'until'] as const;

export interface WorkloadEntry {
  key: string;
  /** The scalar value (number, string, boolean, null) or undefined for a collection. */
  value: unknown;
  isScalar: boolean;
  keyRange: Range;
  valueRange: Range;
}

export interface WorkloadItem {
  range: Range;
  entries: WorkloadEntry[];
}

export interface WorkloadBlock {
  /** The whole fenced block. */
  range: Range;
  /** The block's content (inside the fences). */
  contentRange: Range;
  items: WorkloadItem[];
  /** YAML syntax errors and structural problems (not a mapping, empty...). */
  problems: Problem[];
  yaml?: ParsedYaml;
}

export interface ProseSpan {
  /** Source text of a title or a prose block (paragraph, non-field list, quote, table). */
  text: string;
  /** Offset of `text[0]` in the document. */
  offset: number;
}

export interface Requirement {
  id: string;
  title: string;
  /** Heading level, 2–4. */
  depth: number;
  /** The whole heading. */
  headingRange: Range;
  idRange: Range;
  titleRange: Range;
  /** From the heading to the end of the body. */
  range: Range;
  /** Nearest non-requirement heading above, if any. */
  section: string | undefined;
  fields: Field[];
  workload: WorkloadBlock[];
  /** Title and prose, for frequency detection and quotes; fields and code excluded. */
  prose: ProseSpan[];
}

export interface Section {
  title: string;
  depth: number;
  headingRange: Range;
}

export interface SpecModel {
  /** The BOM-less text the ranges refer to. */
  text: string;
  frontMatter: FrontMatter;
  sections: Section[];
  requirements: Requirement[];
  /** Parts of the body read as plain text because they exceed the Markdown limits (rule complex-markdown). */
  markdownLimits: MarkdownLimit[];
}

/** Finds a field by label (case-insensitive); the first occurrence. */
export function field(req: Requirement, key: string): Field | undefined {
  // Called for every requirement by several rules on each keystroke: a plain loop, no allocation.
  const k = key === key.toLowerCase() ? key : key.toLowerCase();
  const fields = req.fields;
  for (let i = 0; i < fields.length; i++) if (fields[i]!.key === k) return fields[i];
  return undefined;
}
