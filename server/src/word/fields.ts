/**
 * Fields of imported requirements. A table whose first column holds field labels gives those fields
 * (funding written `Label (id)`, as a bare label or as a bare id comes back as its id); a table whose
 * header starts with `role` and `minutes` becomes a workload block. For documents written by people, what
 * is still missing is found in the words: `Deadline` = the first date phrase of the requirement's own
 * text, else of its lead-in; `Funding` = the configured sources whose id or label appears there;
 * otherwise `TBC`, as is `Deliverability`. Nothing else is invented.
 */
import type { ServiceSpecConfig } from '../core/config.js';
import { parseIsoDate } from '../core/dates.js';
import type { Table } from './body.js';
import { findDatePhrase } from './dates.js';
import { collapse, type Req } from './structure.js';

export const FIELD_ORDER = ['Deadline', 'Funding', 'Deliverability', 'Depends on', 'Owner'] as const;
const LABELS = new Map(FIELD_ORDER.map((l) => [l.toLowerCase(), l]));
const LIST_FIELDS = new Set(['Funding', 'Depends on']);
export const TBC = 'TBC';

export interface ReqFields {
  /** Label → value, in FIELD_ORDER. */
  fields: [string, string][];
  workload: Record<string, string | number>[][];
  deadline: string | null;
  deadlinePhrase: string | null;
  funding: string[];
  /** Fields whose value came from the document. */
  found: number;
  /** Fields written as TBC. */
  tbc: number;
}

function labelText(cell: string[] | undefined): string {
  return collapse((cell ?? []).join(' ')).replace(/[*:\s]+$/, '');
}

function label(cell: string[] | undefined): string | undefined {
  return LABELS.get(labelText(cell).toLowerCase());
}

/**
 * A two-column table whose first column holds field labels: the first row's label is a known field
 * (Deadline, Funding, Deliverability, Depends on, Owner) and so are most of the others; other labels in
 * it come back as fields with their label as written.
 */
export function isFieldTable(t: Table): boolean {
  if (!t.rows.length || !t.rows.every((r) => r.length === 2 && labelText(r[0]))) return false;
  const known = t.rows.filter((r) => label(r[0]) !== undefined).length;
  return label(t.rows[0]![0]) !== undefined && known * 2 >= t.rows.length;
}

export function isWorkloadTable(t: Table): boolean {
  const head = t.rows[0]?.map((c) => collapse(c.join(' ')).toLowerCase());
  return Boolean(head && head[0] === 'role' && head[1] === 'minutes');
}

/** Matches funding sources by id or label, whole words, any case. */
export class FundingMatcher {
  private readonly patterns: { id: string; re: RegExp }[] = [];
  private readonly byName = new Map<string, string>();

  constructor(config: ServiceSpecConfig) {
    for (const [id, source] of Object.entries(config.funding.sources)) {
      const names = [id, source?.label].filter((n): n is string => Boolean(n?.trim()));
      for (const n of names) this.byName.set(collapse(n).toLowerCase(), id);
      const alternatives = names.map((n) =>
        collapse(n)
          .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
          .replace(/ /g, '\\s+'),
      );
      this.patterns.push({ id, re: new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'iu') });
    }
  }

  /** Ids of the sources named in the text, in order of first mention. */
  find(text: string): string[] {
    const hits: { id: string; at: number }[] = [];
    for (const p of this.patterns) {
      const m = p.re.exec(text);
      if (m) hits.push({ id: p.id, at: m.index });
    }
    return hits.sort((a, b) => a.at - b.at).map((h) => h.id);
  }

  /** `Label (id)`, a bare label or a bare id → the id; anything else as written. */
  idOf(item: string): string {
    const text = collapse(item);
    const paren = /\(([^()]+)\)$/.exec(text);
    if (paren) {
      const inner = this.byName.get(collapse(paren[1]!).toLowerCase());
      if (inner) return inner;
    }
    return this.byName.get(text.toLowerCase()) ?? text;
  }
}

function tableFields(t: Table, funding: FundingMatcher): Map<string, string> {
  const out = new Map<string, string>();
  for (const row of t.rows) {
    const l = label(row[0]) ?? labelText(row[0]);
    const cells = row.slice(1).flat();
    let value: string;
    if (l === 'Funding')
      value = cells
        .flatMap((c) => c.split(/[,;]/))
        .map((c) => funding.idOf(c))
        .filter(Boolean)
        .join(', ');
    else if (LIST_FIELDS.has(l))
      value = cells
        .flatMap((c) => c.split(/[,;]/))
        .map(collapse)
        .filter(Boolean)
        .join(', ');
    else value = collapse(cells.join(' '));
    if (value && !out.has(l)) out.set(l, value);
  }
  return out;
}

function workloadKey(header: string): string {
  const k = collapse(header)
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .replace(/\s+/g, '-');
  return /^rate-per-1-?000$/.test(k) ? 'rate-per-1000' : k;
}

function workloadRows(t: Table, config: ServiceSpecConfig): Record<string, string | number>[] {
  const head = t.rows[0]!.map((c) => workloadKey(c.join(' ')));
  const roles = new Map(Object.entries(config.estimator.roles).flatMap(([id, r]) => (r?.label ? [[r.label.toLowerCase(), id] as const] : [])));
  return t.rows.slice(1).flatMap((row) => {
    const item: Record<string, string | number> = {};
    head.forEach((key, i) => {
      const raw = collapse((row[i] ?? []).join(' '));
      if (!key || !raw) return;
      const numeric = /^-?\d+(\.\d+)?$/.test(raw) && key !== 'role' ? Number(raw) : undefined;
      item[key] = numeric ?? (key === 'role' ? (roles.get(raw.toLowerCase()) ?? raw) : raw);
    });
    return Object.keys(item).length ? [item] : [];
  });
}

/** The fields (and workload) to write for one requirement. */
export function fieldsOf(req: Req, exported: boolean, config: ServiceSpecConfig, funding: FundingMatcher): ReqFields {
  const given = new Map<string, string>();
  const workload: Record<string, string | number>[][] = [];
  for (const part of req.body) {
    if (part.kind !== 'table') continue;
    if (isFieldTable(part.table)) {
      for (const [k, v] of tableFields(part.table, funding)) if (!given.has(k)) given.set(k, v);
    } else if (isWorkloadTable(part.table)) workload.push(workloadRows(part.table, config));
  }
  let found = given.size;
  let tbc = 0;
  let deadlinePhrase: string | null = null;
  if (!exported) {
    if (!given.has('Deadline')) {
      const d = findDatePhrase(req.ownText) ?? (req.leadIn ? findDatePhrase(req.leadIn) : undefined);
      if (d) {
        given.set('Deadline', d.iso);
        deadlinePhrase = d.phrase;
        found++;
      }
    }
    if (!given.has('Funding')) {
      const detected = funding.find(`${req.ownText}\n${req.leadIn ?? ''}`);
      if (detected.length) {
        given.set('Funding', detected.join(', '));
        found++;
      }
    }
    for (const l of ['Deadline', 'Funding', 'Deliverability']) {
      if (!given.has(l)) {
        given.set(l, TBC);
        tbc++;
      }
    }
  }
  const order: string[] = [...FIELD_ORDER, ...[...given.keys()].filter((k) => !LABELS.has(k.toLowerCase()))];
  const fields = order.filter((l) => given.has(l)).map((l): [string, string] => [l, given.get(l)!]);
  const deadline = given.get('Deadline');
  const fundingValue = given.get('Funding');
  return {
    fields,
    workload,
    deadline: deadline && parseIsoDate(deadline) ? deadline : null,
    deadlinePhrase,
    funding:
      fundingValue && fundingValue !== TBC
        ? fundingValue
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean)
        : [],
    found,
    tbc,
  };
}
