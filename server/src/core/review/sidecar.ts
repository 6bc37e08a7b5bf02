/**
 * Review sidecars (`*.review.yaml`): LMC reviewers' notes anchored to requirements. Read with the `yaml`
 * Document API so a later write keeps comments, order and unknown keys. Reading never throws and never
 * changes the file; every defect is a problem at the offending node (rule invalid-review-file).
 */
import { isMap, isSeq, isScalar, type Document, type Node, type YAMLMap } from 'yaml';
import type { Problem } from '../model.js';
import type { Range } from '../text.js';
import { REQUIREMENT_ID } from '../markdown.js';
import { parseIsoDate } from '../dates.js';
import { closest } from '../suggest.js';
import { mapPairs, nodeRange, parseYaml, type ParsedYaml } from '../yamlSource.js';

export const REVIEW_SUFFIX = '.review.yaml';
export const STANCES = ['object', 'concern', 'question', 'support', 'comment'] as const;
export const NOTE_STATUSES = ['open', 'resolved', 'withdrawn'] as const;
export const NOTE_FIELDS = ['Deadline', 'Funding', 'Deliverability', 'workload', 'title', 'body'] as const;
export type Stance = (typeof STANCES)[number];
export type NoteStatus = (typeof NOTE_STATUSES)[number];

export interface Reply {
  author?: string;
  created?: string;
  body?: string;
}

export interface ReviewNote {
  id: string;
  requirement: string;
  field?: (typeof NOTE_FIELDS)[number];
  quote?: string;
  snapshot?: string;
  stance: Stance;
  status: NoteStatus;
  author?: string;
  created?: string;
  body?: string;
  replies: Reply[];
  /** The note's mapping in the sidecar. */
  range: Range;
  /** The `requirement:` value, where anchor findings point. */
  requirementRange: Range;
}

export interface ReviewFile {
  text: string;
  /** The `spec:` path as written (relative to the sidecar). */
  spec?: string;
  specRange: Range;
  reviewer?: string;
  notes: ReviewNote[];
  problems: Problem[];
  /** YAML or schema errors: such a file is never rewritten. */
  malformed: boolean;
}

const KNOWN_NOTE_KEYS = ['id', 'requirement', 'field', 'quote', 'snapshot', 'stance', 'status', 'author', 'created', 'body', 'replies'];

export function parseReview(input: string): ReviewFile {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const problems: Problem[] = [];
  const file: ReviewFile = { text, specRange: { start: 0, end: 0 }, notes: [], problems, malformed: false };
  const y = parseYaml(text);
  for (const e of y.errors) problems.push({ range: e.range, message: `Review YAML: ${e.message}`, kind: 'syntax' });
  const root = y.doc.contents as Node | null;
  if (y.errors.length) return { ...file, malformed: true };
  if (!isMap(root)) {
    problems.push({
      range: nodeRange(root, y) ?? { start: 0, end: Math.min(1, text.length) },
      message: 'Review file is not a mapping; expected `spec:`, `reviewer:` and `notes:`',
    });
    return { ...file, malformed: true };
  }
  const top = new Map(mapPairs(root, y).map((p) => [p.key, p]));
  const spec = top.get('spec');
  const str = (n: Node | null | undefined): string | undefined =>
    isScalar(n) && n.value !== null && n.value !== undefined && typeof n.value !== 'object' ? String(n.value) : undefined;
  if (!spec || !str(spec.valueNode)) {
    problems.push({
      range: spec?.valueRange ?? nodeRange(root, y)!,
      message: 'Review file has no `spec:`; expected the path of the spec it reviews, relative to this file',
    });
  } else {
    file.spec = str(spec.valueNode);
    file.specRange = spec.valueRange;
  }
  file.reviewer = str(top.get('reviewer')?.valueNode);
  const notes = top.get('notes');
  if (notes?.valueNode && !isSeq(notes.valueNode)) {
    problems.push({ range: notes.valueRange, message: '`notes:` is not a list; expected a list of notes' });
  }
  const ids = new Map<string, Range>();
  for (const item of isSeq(notes?.valueNode) ? notes!.valueNode.items : []) {
    const note = readNote(item as Node, y, str, problems, ids);
    if (note) file.notes.push(note);
  }
  file.malformed = problems.length > 0;
  return file;
}

function readNote(
  node: Node,
  y: ParsedYaml,
  str: (n: Node | null | undefined) => string | undefined,
  problems: Problem[],
  ids: Map<string, Range>,
): ReviewNote | undefined {
  const r = nodeRange(node, y) ?? { start: 0, end: 0 };
  if (!isMap(node)) {
    problems.push({ range: r, message: 'Note is not a mapping; expected id, requirement, stance, status and body' });
    return undefined;
  }
  const pairs = new Map(mapPairs(node as YAMLMap, y).map((p) => [p.key, p]));
  const bad = (key: string, message: string) => problems.push({ range: pairs.get(key)?.valueRange ?? r, message });
  const id = str(pairs.get('id')?.valueNode);
  if (!id) bad('id', 'Note has no `id`; expected an id unique in this file');
  else if (ids.has(id)) bad('id', `Note id "${id}" is already used in this file; expected a unique id`);
  else ids.set(id, pairs.get('id')!.valueRange);
  const requirement = str(pairs.get('requirement')?.valueNode);
  if (!requirement) bad('requirement', `Note ${id ?? ''} has no \`requirement\`; expected a requirement id such as EHCH-3`.replace('  ', ' '));
  else if (!REQUIREMENT_ID.test(requirement))
    bad('requirement', `Note ${id ?? ''} names "${requirement}", which is not a requirement id; expected e.g. EHCH-3 or SMR-2.1`.replace('  ', ' '));
  const stance = str(pairs.get('stance')?.valueNode);
  if (!stance) bad('stance', `Note ${id ?? ''} has no \`stance\`; expected one of ${STANCES.join(', ')}`.replace('  ', ' '));
  else if (!(STANCES as readonly string[]).includes(stance)) {
    const hint = closest(stance, STANCES);
    bad('stance', `Note ${id ?? ''} has stance "${stance}"; ${hint ? `did you mean "${hint}"? ` : ''}expected one of ${STANCES.join(', ')}`.replace('  ', ' '));
  }
  const status = str(pairs.get('status')?.valueNode) ?? 'open';
  if (!(NOTE_STATUSES as readonly string[]).includes(status))
    bad('status', `Note ${id ?? ''} has status "${status}"; expected one of ${NOTE_STATUSES.join(', ')}`.replace('  ', ' '));
  const field = str(pairs.get('field')?.valueNode);
  if (field !== undefined && !(NOTE_FIELDS as readonly string[]).includes(field))
    bad('field', `Note ${id ?? ''} has field "${field}"; expected one of ${NOTE_FIELDS.join(', ')}`.replace('  ', ' '));
  const created = str(pairs.get('created')?.valueNode);
  if (created !== undefined && !parseIsoDate(created))
    bad('created', `Note ${id ?? ''} was created "${created}"; expected an ISO date YYYY-MM-DD`.replace('  ', ' '));
  for (const key of ['quote', 'snapshot', 'author', 'body'] as const) {
    const p = pairs.get(key);
    if (p?.valueNode && !isScalar(p.valueNode)) bad(key, `Note ${id ?? ''}: \`${key}\` holds a list or mapping; expected text`.replace('  ', ' '));
  }
  const replies: Reply[] = [];
  const rp = pairs.get('replies');
  if (rp?.valueNode) {
    if (!isSeq(rp.valueNode)) bad('replies', `Note ${id ?? ''}: \`replies\` is not a list`.replace('  ', ' '));
    else {
      for (const item of rp.valueNode.items) {
        if (!isMap(item)) {
          problems.push({ range: nodeRange(item as Node, y) ?? rp.valueRange, message: 'Reply is not a mapping; expected author, created and body' });
          continue;
        }
        const rpairs = new Map(mapPairs(item, y).map((p) => [p.key, p]));
        replies.push({
          author: str(rpairs.get('author')?.valueNode),
          created: str(rpairs.get('created')?.valueNode),
          body: str(rpairs.get('body')?.valueNode),
        });
      }
    }
  }
  void KNOWN_NOTE_KEYS; // unknown keys are allowed and kept on writes
  if (!id || !requirement || !stance) return undefined;
  return {
    id,
    requirement,
    ...(field ? { field: field as ReviewNote['field'] } : {}),
    ...(str(pairs.get('quote')?.valueNode) !== undefined ? { quote: str(pairs.get('quote')?.valueNode) } : {}),
    ...(str(pairs.get('snapshot')?.valueNode) !== undefined ? { snapshot: str(pairs.get('snapshot')?.valueNode) } : {}),
    stance: stance as Stance,
    status: status as NoteStatus,
    author: str(pairs.get('author')?.valueNode),
    created,
    body: str(pairs.get('body')?.valueNode),
    replies,
    range: r,
    requirementRange: pairs.get('requirement')!.valueRange,
  };
}

export type { Document };
