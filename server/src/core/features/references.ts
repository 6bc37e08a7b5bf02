/**
 * Requirement ids across the specs of a workspace: the spec that defines an id under the cursor, and every
 * occurrence of a requirement (its heading and each `Depends on` naming it, here as `REQ-ID` or elsewhere as
 * `spec-id/REQ-ID`), for definition, references, rename and document links.
 */
import { REQUIREMENT_ID } from '../markdown.js';
import type { Range } from '../text.js';
import type { SpecEntry, WorkspaceIndex } from '../workspace.js';
import { idAt, idOccurrences } from './navigation.js';

/** A requirement named at the cursor, and the spec that defines it. */
export interface IdTarget {
  entry: SpecEntry;
  reqId: string;
  /** The id under the cursor. */
  at: Range;
}

export interface Occurrence {
  file: string;
  range: Range;
  /** True for the heading that defines the id. */
  definition: boolean;
}

/** The spec that defines an id: `self` for a bare id, else the workspace spec named by `spec-id/`. */
export function definingEntry(index: WorkspaceIndex, self: SpecEntry, specId: string | undefined, reqId: string): SpecEntry | undefined {
  if (specId === undefined) return self;
  return index.specsWithId(specId, self.dir).find((e) => e.requirementIds.has(reqId));
}

/** The requirement named at `offset` of `self`'s text, when a spec of the workspace (or `self`) defines it. */
export function targetAt(index: WorkspaceIndex, self: SpecEntry, offset: number): IdTarget | undefined {
  const occ = idAt(self.model, offset);
  if (!occ) return undefined;
  const entry = definingEntry(index, self, occ.specId, occ.reqId);
  return entry?.model.requirements.some((r) => r.id === occ.reqId) ? { entry, reqId: occ.reqId, at: occ.idRange } : undefined;
}

/** Every occurrence of requirement `reqId` of spec `target` across the workspace (and `target` itself). */
export function occurrencesOf(index: WorkspaceIndex, target: SpecEntry, reqId: string): Occurrence[] {
  const out: Occurrence[] = [];
  const entries = index.entries().filter((e) => e.file !== target.file);
  for (const e of [target, ...entries]) {
    for (const o of idOccurrences(e.model)) {
      if (o.reqId !== reqId) continue;
      const same =
        e.file === target.file
          ? o.specId === undefined
          : o.specId !== undefined && o.specId === target.id && index.specsWithId(o.specId, e.dir).some((x) => x.file === target.file);
      if (same) out.push({ file: e.file, range: o.idRange, definition: o.definition });
    }
  }
  return out;
}

/** Why `newName` cannot replace requirement ids of `target` (undefined when it can). */
export function renameProblem(target: SpecEntry, newName: string): string | undefined {
  if (!REQUIREMENT_ID.test(newName)) return `"${newName}" is not a requirement id (expected e.g. EHCH-3 or SMR-2.1)`;
  if (target.requirementIds.has(newName)) return `${newName} is already used in ${target.id ?? 'this spec'}`;
  return undefined;
}
