/**
 * Front-matter (docs/format.md, Front-matter): YAML between a first line `---` and the next line `---`, read as
 * YAML 1.2 core schema, checked key by key with zod so each problem names its key and points at its node.
 */
import { z } from 'zod';
import { isMap, type Node } from 'yaml';
import type { FrontMatter, FrontMatterEntry, FrontMatterKey, Problem } from './model.js';
import { parseIsoDate } from './dates.js';
import { mapPairs, nodeRange, parseYaml, scalarValue, shiftMap } from './yamlSource.js';
import { closest } from './suggest.js';

export const REQUIRED_KEYS = ['id', 'title', 'version', 'status', 'published'] as const;
export const OPTIONAL_KEYS = ['contract', 'consultation-closes', 'effective', 'owner', 'supersedes'] as const;
export const KNOWN_KEYS: readonly FrontMatterKey[] = [...REQUIRED_KEYS, ...OPTIONAL_KEYS];
export const STATUSES = ['draft', 'consultation', 'final', 'withdrawn'] as const;
export const SPEC_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const text = (what: string) =>
  z
    .string({ error: `expected ${what}` })
    .trim()
    .min(1, { error: `expected ${what}, found an empty value` });
const isoDate = text('an ISO date YYYY-MM-DD').refine((s) => parseIsoDate(s) !== undefined, {
  error: 'expected a real calendar date in the form YYYY-MM-DD',
});
/** Scalars read as text: `version: 2` is the text "2". */
const scalarText = (what: string) =>
  z
    .union([z.string(), z.number(), z.boolean()], { error: `expected ${what}` })
    .transform(String)
    .pipe(text(what));

/** Schema of each known key (validated one by one, so each problem names its key). */
export const frontMatterSchema = {
  id: text('a kebab-case id such as `ehch`').regex(SPEC_ID, {
    error: 'expected a kebab-case id such as `ehch` (lower-case letters, digits and single hyphens)',
  }),
  title: scalarText('a title'),
  version: scalarText('a version such as `2019-12-draft`'),
  status: z.enum(STATUSES, { error: `expected one of ${STATUSES.join(', ')}` }),
  published: isoDate,
  contract: scalarText('a contract name'),
  'consultation-closes': isoDate,
  effective: isoDate,
  owner: scalarText('an owner'),
  supersedes: scalarText('the `version` it replaces'),
} satisfies Record<FrontMatterKey, z.ZodType>;

export interface FrontMatterResult {
  frontMatter: FrontMatter;
  /** Where the Markdown body starts. */
  bodyStart: number;
}

const OPEN = /^---[ \t]*(\r\n|\r|\n|$)/;

/** Reads the front-matter at the start of `text` (BOM already removed). Never throws. */
export function readFrontMatter(text: string): FrontMatterResult {
  const problems: Problem[] = [];
  const fm: FrontMatter = {
    present: false,
    terminated: false,
    range: { start: 0, end: 0 },
    openRange: { start: 0, end: Math.min(text.length, firstLineEnd(text)) },
    entries: new Map(),
    values: {},
    problems,
    unknownKeys: [],
  };
  const open = OPEN.exec(text);
  if (!open) {
    for (const key of REQUIRED_KEYS) {
      problems.push({
        range: fm.openRange,
        message: `Spec has no front-matter, so required key '${key}' is missing; start the file with a \`---\` line, the YAML keys, and a closing \`---\` line`,
        kind: 'missing',
        data: { key },
      });
    }
    return { frontMatter: fm, bodyStart: 0 };
  }
  fm.present = true;
  fm.openRange = { start: 0, end: 3 };
  const yamlStart = open[0].length;
  // Find the closing line.
  const close = /^---[ \t]*$/m;
  let pos = yamlStart;
  let closeStart = -1;
  let closeEnd = -1;
  while (pos <= text.length && yamlStart < text.length) {
    let end = pos;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    if (close.test(text.slice(pos, end))) {
      closeStart = pos;
      closeEnd = end;
      break;
    }
    if (end >= text.length) break;
    pos = end + (text[end] === '\r' && text[end + 1] === '\n' ? 2 : 1);
  }
  if (closeStart < 0) {
    problems.push({
      range: fm.openRange,
      message: 'Front-matter is never closed: expected a line `---` after the YAML keys; the rest of the file is read as Markdown',
      kind: 'unterminated',
    });
    fm.range = { start: 0, end: 3 };
    return { frontMatter: fm, bodyStart: yamlStart };
  }
  fm.terminated = true;
  fm.range = { start: 0, end: closeEnd };
  let bodyStart = closeEnd;
  if (text[bodyStart] === '\r') bodyStart++;
  if (text[bodyStart] === '\n') bodyStart++;

  const yamlText = text.slice(yamlStart, closeStart);
  const y = parseYaml(yamlText, shiftMap(yamlStart));
  for (const e of y.errors) problems.push({ range: e.range, message: `Front-matter YAML: ${e.message}`, kind: 'syntax' });
  const contents = y.doc.contents as Node | null;
  if (contents && !isMap(contents)) {
    problems.push({
      range: nodeRange(contents, y) ?? fm.range,
      message: 'Front-matter is not a mapping of keys to values; expected `id:`, `title:`, `version:`, `status:` and `published:`',
      kind: 'not-mapping',
    });
    return { frontMatter: fm, bodyStart };
  }
  for (const p of mapPairs(contents, y)) {
    const v = scalarValue(p.valueNode, y.doc);
    let value: string | undefined;
    if (v.ok && v.value !== null && v.value !== undefined) {
      // Keep numbers as written (`version: 1.10`).
      value = typeof v.value === 'string' ? v.value : text.slice(p.valueRange.start, p.valueRange.end).trim();
    }
    const entry: FrontMatterEntry = { key: p.key, value, raw: v.ok ? v.value : undefined, keyRange: p.keyRange, valueRange: p.valueRange };
    if (fm.entries.has(p.key)) continue; // duplicate keys are YAML errors, reported above
    fm.entries.set(p.key, entry);
    if (!(KNOWN_KEYS as readonly string[]).includes(p.key)) {
      fm.unknownKeys.push(entry);
      continue;
    }
    const key = p.key as FrontMatterKey;
    if (!v.ok) {
      problems.push({
        range: p.valueRange,
        message: `Front-matter key '${key}' holds a list or mapping; expected a single value`,
        kind: 'invalid',
        data: { key },
      });
      continue;
    }
    if (v.value === null || v.value === undefined || (typeof v.value === 'string' && !v.value.trim())) {
      problems.push({ range: p.keyRange, message: `Front-matter key '${key}' is empty; ${describe(key)}`, kind: 'invalid', data: { key } });
      continue;
    }
    const input = typeof v.value === 'number' ? value : v.value;
    const result = frontMatterSchema[key].safeParse(input);
    if (!result.success) {
      const why = result.error.issues[0]?.message ?? describe(key);
      problems.push({
        range: p.valueRange,
        message: `Front-matter key '${key}' is ${JSON.stringify(value ?? v.value)}; ${why}`,
        kind: 'invalid',
        data: { key },
      });
      continue;
    }
    fm.values[key] = String(result.data);
  }
  if (y.errors.length === 0) {
    for (const key of REQUIRED_KEYS) {
      if (!fm.entries.has(key)) {
        problems.push({ range: fm.openRange, message: `Front-matter has no '${key}'; ${describe(key)}`, kind: 'missing', data: { key } });
      }
    }
  }
  return { frontMatter: fm, bodyStart };
}

function describe(key: FrontMatterKey): string {
  switch (key) {
    case 'id':
      return 'expected a kebab-case id such as `ehch`';
    case 'status':
      return `expected one of ${STATUSES.join(', ')}`;
    case 'published':
    case 'consultation-closes':
    case 'effective':
      return 'expected an ISO date YYYY-MM-DD';
    case 'version':
      return 'expected a version such as `2019-12-draft`';
    default:
      return 'expected text';
  }
}

function firstLineEnd(text: string): number {
  const m = /\r|\n/.exec(text);
  return m ? m.index : text.length;
}

/** The closest known key, for unknown-front-matter-key. */
export function suggestKey(key: string): string | undefined {
  return closest(key, KNOWN_KEYS);
}
