/**
 * Completion, decided from the text around the cursor and the model: field labels in a requirement,
 * funding ids after `**Funding:**`, requirement ids after `**Depends on:**`, ratings after
 * `**Deliverability:**`, workload keys and values, front-matter keys and `status` values, and a snippet
 * for a new requirement with the next free id and the three required fields.
 */
import type { ServiceSpecConfig } from '../config.js';
import { KNOWN_KEYS, STATUSES, REQUIRED_KEYS } from '../frontMatter.js';
import { field, WORKLOAD_KEYS, type Requirement, type SpecModel } from '../model.js';
import { OCCURRENCES, UNITS } from '../estimator/estimate.js';
import type { Range } from '../text.js';
import { nextFreeId } from '../rules/duplicate-requirement-id.js';

export type CompletionKind = 'field' | 'value' | 'reference' | 'keyword' | 'snippet' | 'property' | 'enum';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  detail?: string;
  documentation?: string;
  /** Text to insert (a snippet with $1 placeholders when `snippet` is true). */
  insertText: string;
  snippet?: boolean;
  /** The range the item replaces (the word being typed). */
  range: Range;
  sortText?: string;
}

export interface CompletionContext {
  config: ServiceSpecConfig;
  /** Other specs' ids and requirement ids, for `spec-id/REQ-ID`. */
  workspace?: { specIds(): string[]; lookup(id: string, dir: string | undefined): ReadonlySet<string> | undefined };
  dir?: string;
}

const FIELD_LABELS: [string, string][] = [
  ['Deadline', 'ISO date YYYY-MM-DD, or `ongoing`'],
  ['Funding', 'funding-source ids, comma-separated, or `none`'],
  ['Deliverability', '`green:`, `amber:` or `red:` and what delivery needs'],
  ['Depends on', 'requirement ids, or spec-id/REQ-ID, or `none`'],
  ['Owner', 'who is accountable'],
];

export function complete(spec: SpecModel, offset: number, ctx: CompletionContext): CompletionItem[] {
  const text = spec.text;
  let lineStart = offset;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  const before = text.slice(lineStart, offset);
  const word = /[\w.-]*$/.exec(before)![0];
  const wordRange: Range = { start: offset - word.length, end: offset };

  // Front-matter: keys at the start of a line, status values after `status:`.
  const fm = spec.frontMatter;
  if (fm.present && offset > fm.openRange.end && (!fm.terminated || offset < fm.range.end - 3)) {
    const status = /^status:\s*([\w-]*)$/.exec(before);
    if (status) return STATUSES.map((s) => ({ label: s, kind: 'enum' as const, insertText: s, range: wordRange }));
    if (/^[\w-]*$/.test(before)) {
      return KNOWN_KEYS.filter((k) => !fm.entries.has(k)).map((k) => ({
        label: k,
        kind: 'property' as const,
        detail: (REQUIRED_KEYS as readonly string[]).includes(k) ? 'required' : 'optional',
        insertText: `${k}: `,
        range: wordRange,
        sortText: ((REQUIRED_KEYS as readonly string[]).includes(k) ? '0' : '1') + k,
      }));
    }
    return [];
  }

  // The nearest requirement above: while typing, a half-written line may end its body early (a lone `-`
  // after a paragraph reads as a setext underline), but the author is still writing that requirement.
  const req = spec.requirements.filter((r) => r.headingRange.start <= offset).pop();
  // Inside a workload block.
  const block = req?.workload.find((b) => offset >= b.contentRange.start && offset <= b.contentRange.end + 1);
  if (req && block) return completeWorkload(before, wordRange, ctx.config);

  // After a field label on the same line.
  const fieldMatch = /^\s*[-*+]\s+\*\*([A-Za-z ]+?)(?::\*\*|\*\*:)\s*(.*)$/.exec(before);
  if (fieldMatch) {
    const label = fieldMatch[1]!.toLowerCase();
    const valueSoFar = fieldMatch[2]!;
    const itemWord = /[^,\s]*$/.exec(valueSoFar)![0];
    const itemRange: Range = { start: offset - itemWord.length, end: offset };
    const already = new Set(
      valueSoFar
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );
    if (label === 'funding') {
      const items: CompletionItem[] = Object.entries(ctx.config.funding.sources)
        .filter(([id]) => !already.has(id))
        .map(([id, src]) => ({ label: id, kind: 'value' as const, detail: src.label, documentation: src.source, insertText: id, range: itemRange }));
      if (!already.size) items.push({ label: 'none', kind: 'keyword', detail: 'explicitly unfunded', insertText: 'none', range: itemRange });
      return items;
    }
    if (label === 'depends on') {
      const items: CompletionItem[] = spec.requirements
        .filter((r) => r !== req && !already.has(r.id))
        .map((r) => ({ label: r.id, kind: 'reference' as const, detail: r.title, insertText: r.id, range: itemRange }));
      for (const id of ctx.workspace?.specIds() ?? []) {
        if (id === spec.frontMatter.values.id) continue;
        for (const rid of ctx.workspace!.lookup(id, ctx.dir) ?? []) {
          const ref = `${id}/${rid}`;
          if (!already.has(ref))
            items.push({ label: ref, kind: 'reference', detail: `requirement of spec ${id}`, insertText: ref, range: itemRange, sortText: `z${ref}` });
        }
      }
      if (!already.size) items.push({ label: 'none', kind: 'keyword', insertText: 'none', range: itemRange });
      return items;
    }
    if (label === 'deliverability' && !valueSoFar.includes(':')) {
      return (['green', 'amber', 'red'] as const).map((r) => ({
        label: `${r}:`,
        kind: 'enum' as const,
        detail: `${r} rating`,
        insertText: `${r}: `,
        range: itemRange,
      }));
    }
    if (label === 'deadline') return [{ label: 'ongoing', kind: 'keyword', detail: 'no end date', insertText: 'ongoing', range: itemRange }];
    return [];
  }

  // Start of a list item inside a requirement: field labels not yet present.
  const item = /^(\s*[-*+]\s+)(\*{0,2}[\w ]*)$/.exec(before);
  if (req && item) {
    const range: Range = { start: lineStart + item[1]!.length, end: offset };
    return FIELD_LABELS.filter(([label]) => !field(req, label)).map(([label, doc], i) => ({
      label: `**${label}:**`,
      kind: 'field' as const,
      detail: doc,
      insertText: `**${label}:** `,
      range,
      sortText: String(i),
    }));
  }

  // An empty line (or a heading being typed): a new requirement.
  if (/^#{0,4}\s*$/.test(before)) return [newRequirementSnippet(spec, offset, { start: lineStart, end: offset }, req)];
  return [];
}

function completeWorkload(before: string, wordRange: Range, config: ServiceSpecConfig): CompletionItem[] {
  const value = /^\s*(?:-\s+)?([\w-]+):\s*([\w-]*)$/.exec(before);
  if (value) {
    const key = value[1]!;
    const values: [string, string | undefined][] =
      key === 'role'
        ? Object.entries(config.estimator.roles).map(([id, r]) => [id, `${r.label ?? id}, £${r['hourly-cost']}/h`])
        : key === 'every'
          ? Object.entries(OCCURRENCES).map(([k, n]) => [k, `${n} a year`])
          : key === 'per'
            ? UNITS.map((u) => [u, undefined])
            : [];
    return values.map(([label, detail]) => ({ label, kind: 'enum' as const, ...(detail ? { detail } : {}), insertText: label, range: wordRange }));
  }
  if (/^\s*(?:-\s+)?[\w-]*$/.test(before)) {
    return WORKLOAD_KEYS.map((k, i) => ({ label: k, kind: 'property' as const, insertText: `${k}: `, range: wordRange, sortText: String(i) }));
  }
  return [];
}

/** `### ID: Title` with the next free id of the spec's prefix and the three required fields. */
export function newRequirementSnippet(spec: SpecModel, offset: number, range: Range, near?: Requirement): CompletionItem {
  const ids = new Set(spec.requirements.map((r) => r.id));
  const model = near ?? spec.requirements.filter((r) => r.range.start <= offset).pop() ?? spec.requirements[0];
  const prefix = model ? model.id.replace(/-[0-9]+(\.[0-9]+)*$/, '') : (spec.frontMatter.values.id ?? 'REQ').toUpperCase().replace(/[^A-Z0-9]+/g, '-');
  const id = nextFreeId(`${prefix}-1`, ids) ?? `${prefix}-1`;
  const depth = model?.depth ?? 3;
  return {
    label: `${'#'.repeat(depth)} ${id}: new requirement`,
    kind: 'snippet',
    detail: 'requirement with Deadline, Funding and Deliverability',
    insertText: `${'#'.repeat(depth)} ${id}: \${1:Title}\n\${2:What the network must do.}\n\n- **Deadline:** \${3:YYYY-MM-DD}\n- **Funding:** \${4:none}\n- **Deliverability:** \${5|green,amber,red|}: \${6:what delivery needs}\n`,
    snippet: true,
    range,
  };
}
