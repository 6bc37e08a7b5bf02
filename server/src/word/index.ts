/**
 * Import of a Word document (.docx) as a service spec and a review sidecar. Pure and browser-capable:
 * bytes in, texts out; no file system. Throws `WordImportError` for a file it refuses (not a zip, not a
 * Word document, encrypted, damaged, a zip bomb, a DTD); anything else imports.
 */
import type { ServiceSpecConfig } from '../core/config.js';
import { bodyReader } from './body.js';
import { notesFrom, readComments, readThreads, sidecarText } from './comments.js';
import { emitSpec } from './emit.js';
import { IMPORT_LIMITS, type ImportLimits } from './errors.js';
import { FundingMatcher, fieldsOf, isFieldTable, isWorkloadTable, type ReqFields } from './fields.js';
import { kebab, prefixFromTitle } from './ids.js';
import { openPackage } from './package.js';
import { buildStructure, type Req, type Structure } from './structure.js';
import { StyleSheet } from './styles.js';
import { streamXml } from './xml.js';
import { readPackage } from './zip.js';

export { WordImportError, IMPORT_LIMITS, type RefusalKind } from './errors.js';

export interface ImportOptions {
  /** The configuration whose funding sources (and role labels) are recognised. */
  config: ServiceSpecConfig;
  specId?: string;
  prefix?: string;
  version?: string;
  published?: string;
  reviewer?: string;
  /** The document's file name: named in the sidecar, and the id when the document has no title. */
  sourceName?: string;
  limits?: ImportLimits;
}

export interface ImportedRequirement {
  id: string;
  title: string;
  deadline: string | null;
  deadlinePhrase: string | null;
  funding: string[];
  /** 1-based line of the requirement's heading in the written spec. */
  line: number;
}

export interface ImportReport {
  title: string | null;
  id: string;
  published: string | null;
  trackedChanges: number;
  requirements: ImportedRequirement[];
  notes: { id: string; requirement: string; quote: string | null; stance: string; status: string; replies: number }[];
  unanchored: { author: string | null; body: string }[];
  /** `ID.spec.md` and `ID.review.yaml` (null when no note is anchored). */
  specFile: string;
  reviewFile: string | null;
  /** Fields read from the document (tables, date phrases, funding names) and fields written as TBC. */
  fieldsFound: number;
  tbcs: number;
  /** Read back as a document the tools exported. */
  exported: boolean;
}

export interface ImportResult {
  specText: string;
  reviewText: string | null;
  report: ImportReport;
}

const KNOWN_KEYS = ['id', 'title', 'version', 'status', 'published', 'contract', 'consultation-closes', 'effective', 'owner', 'supersedes'];

function day(date: string | undefined): string | undefined {
  return /^(\d{4}-\d{2}-\d{2})/.exec(date ?? '')?.[1];
}

function fmKey(label: string): string {
  const k = label
    .trim()
    .replace(/:$/, '')
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  return KNOWN_KEYS.find((known) => known === k) ?? k;
}

function frontMatterOf(s: Structure, coreTitle: string | undefined, published: string | undefined, options: ImportOptions) {
  const fm = new Map<string, string>();
  if (s.exported) for (const [k, v] of s.frontMatter) if (v && !fm.has(fmKey(k))) fm.set(fmKey(k), v);
  const title = (s.exported ? fm.get('title') : undefined) ?? coreTitle ?? s.titleText;
  const base = (options.sourceName ?? '').replace(/^.*[\\/]/, '').replace(/\.docx$/i, '');
  const id = options.specId ?? (s.exported ? fm.get('id') : undefined) ?? (kebab(title ?? '') || kebab(base) || 'imported');
  const pub = options.published ?? (s.exported ? fm.get('published') : undefined) ?? published;
  const version = options.version ?? (s.exported ? fm.get('version') : undefined) ?? (pub ? `imported-${pub}` : 'imported');
  const ordered = new Map<string, string>([['id', id]]);
  if (title) ordered.set('title', title);
  ordered.set('version', version);
  ordered.set('status', (s.exported ? fm.get('status') : undefined) ?? 'draft');
  if (pub) ordered.set('published', pub);
  for (const [k, v] of fm) if (!ordered.has(k)) ordered.set(k, v);
  return { fm: ordered, title, id, published: pub };
}

/** Reads a .docx and returns the spec's text, the sidecar's text (when a note is anchored) and a report. */
export function importDocx(bytes: Uint8Array, options: ImportOptions): ImportResult {
  const limits = options.limits ?? IMPORT_LIMITS;
  const pkg = openPackage(readPackage(bytes, limits));
  const reader = bodyReader(limits.maxBlocks);
  streamXml(pkg.document, { flushDepth: 2, name: pkg.documentName, onBlock: (el) => reader.add(el), maxElementsPerBlock: limits.maxElementsPerBlock });
  const { blocks, trackedChanges } = reader.finish();
  const sheet = new StyleSheet(pkg.styles, pkg.numbering);
  const s = buildStructure(blocks, sheet, pkg.core.title, (t) => options.prefix ?? prefixFromTitle(t));
  const { fm, title, id, published } = frontMatterOf(s, pkg.core.title, day(pkg.core.modified) ?? day(pkg.core.created), options);
  const funding = new FundingMatcher(options.config);
  const fields = new Map<Req, ReqFields>(s.requirements.map((r) => [r, fieldsOf(r, s.exported, options.config, funding)]));
  const consumed = (p: { kind: string; table?: Parameters<typeof isFieldTable>[0] }) =>
    p.kind === 'table' && (isFieldTable(p.table!) || isWorkloadTable(p.table!));
  const emitted = emitSpec(fm, title, s, fields, consumed);
  const comments = readComments(pkg.comments);
  const found = notesFrom(comments, readThreads(pkg.commentsExtended, comments), blocks, s);
  const specFile = `${id}.spec.md`;
  const reviewFile = found.notes.length ? `${id}.review.yaml` : null;
  const reviewText = found.notes.length
    ? sidecarText(specFile, options.reviewer ?? found.firstAuthor, found.notes, options.sourceName?.replace(/^.*[\\/]/, ''))
    : null;
  const values = [...fields.values()];
  return {
    specText: emitted.text,
    reviewText,
    report: {
      title: title ?? null,
      id,
      published: published ?? null,
      trackedChanges,
      requirements: s.requirements.map((r) => {
        const f = fields.get(r)!;
        return { id: r.id, title: r.title, deadline: f.deadline, deadlinePhrase: f.deadlinePhrase, funding: f.funding, line: emitted.lines.get(r)! };
      }),
      notes: found.notes.map((n) => ({
        id: n.id,
        requirement: n.requirement,
        quote: n.quote ?? null,
        stance: n.stance,
        status: n.status,
        replies: n.replies.length,
      })),
      unanchored: found.unanchored.map((u) => ({ author: u.author, body: u.body })),
      specFile,
      reviewFile,
      fieldsFound: values.reduce((n, f) => n + f.found, 0),
      tbcs: values.reduce((n, f) => n + f.tbc, 0),
      exported: s.exported,
    },
  };
}
