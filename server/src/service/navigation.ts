/**
 * Requirement ids across specs: go to definition, find references, rename (here and in every spec of the
 * workspace root that names it as `spec-id/REQ-ID`), and document links on cross-spec references.
 */
import * as path from 'node:path';
import { idOccurrences } from '../core/features/navigation.js';
import { occurrencesOf, renameProblem, targetAt, type IdTarget } from '../core/features/references.js';
import type { Range } from '../core/text.js';
import { specEntry, type SpecEntry } from '../core/workspace.js';
import type { FileEdit } from './fixes.js';
import { ServiceError } from './host.js';
import type { ServiceWorkspace } from './workspace.js';

export interface FileRange {
  file: string;
  range: Range;
}

export interface DocumentLink {
  /** The `spec-id/REQ-ID` item. */
  range: Range;
  /** The heading of the requirement it names. */
  target: FileRange;
  tooltip: string;
}

/** This spec as the workspace sees it (the index's entry, or one made from the open document). */
function selfEntry(ws: ServiceWorkspace, file: string): SpecEntry | undefined {
  const model = ws.modelOf(file) ?? ws.specModel(file);
  if (!model) return undefined;
  return specEntry(file, ws.onDisk(file) ? path.dirname(file) : file, model);
}

function target(ws: ServiceWorkspace, file: string, offset: number): IdTarget | undefined {
  const self = selfEntry(ws, file);
  return self ? targetAt(ws.indexOf(file), self, offset) : undefined;
}

export function definition(ws: ServiceWorkspace, file: string, offset: number): FileRange | undefined {
  const t = target(ws, file, offset);
  const req = t?.entry.model.requirements.find((r) => r.id === t.reqId);
  return t && req ? { file: t.entry.file, range: req.headingRange } : undefined;
}

export function references(ws: ServiceWorkspace, file: string, offset: number, includeDeclaration: boolean): FileRange[] {
  const t = target(ws, file, offset);
  if (!t) return [];
  return occurrencesOf(ws.indexOf(file), t.entry, t.reqId)
    .filter((o) => includeDeclaration || !o.definition)
    .map(({ file, range }) => ({ file, range }));
}

/** The id under the cursor, when it can be renamed. */
export function prepareRename(ws: ServiceWorkspace, file: string, offset: number): { range: Range; placeholder: string } | undefined {
  const t = target(ws, file, offset);
  return t ? { range: t.at, placeholder: t.reqId } : undefined;
}

/** The edits renaming the requirement under the cursor everywhere; a ServiceError when the new name cannot be used. */
export function rename(ws: ServiceWorkspace, file: string, offset: number, newName: string): FileEdit[] | undefined {
  const t = target(ws, file, offset);
  if (!t) return undefined;
  const problem = renameProblem(t.entry, newName);
  if (problem) throw new ServiceError(problem);
  return occurrencesOf(ws.indexOf(file), t.entry, t.reqId).map((o) => ({ file: o.file, range: o.range, newText: newName }));
}

export function documentLinks(ws: ServiceWorkspace, file: string): DocumentLink[] {
  const model = ws.modelOf(file);
  if (!model) return [];
  const index = ws.indexOf(file);
  const dir = ws.onDisk(file) ? path.dirname(file) : undefined;
  const links: DocumentLink[] = [];
  for (const o of idOccurrences(model)) {
    if (o.definition || o.specId === undefined) continue;
    const entry = index.specsWithId(o.specId, dir).find((e) => e.requirementIds.has(o.reqId));
    const req = entry?.model.requirements.find((r) => r.id === o.reqId);
    if (!entry || !req) continue;
    links.push({ range: o.range, target: { file: entry.file, range: req.headingRange }, tooltip: `${o.reqId}: ${req.title} (${entry.id})` });
  }
  return links;
}
