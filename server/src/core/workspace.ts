/**
 * What one spec can see of the others: for `Depends on: spec-id/REQ-ID` references. The workspace is the
 * folder holding the nearest configuration file, else the folder opened or checked (for a lone file, its own
 * folder); `project/project.ts` `rootFor` decides it for the CLI and the server alike.
 */
import type { SpecModel } from './model.js';

export interface SpecEntry {
  /** Path or URI of the spec. */
  file: string;
  /** Folder of the spec (same form as `file`), to prefer neighbours when several specs share an id. */
  dir: string;
  id: string | undefined;
  requirementIds: ReadonlySet<string>;
  /** The parsed spec, for navigation across files (symbols, definitions, references, rename). */
  model: SpecModel;
}

/** An index entry; the set of requirement ids is built when first asked for (an open spec gets a new entry per keystroke). */
export function specEntry(file: string, dir: string, model: SpecModel): SpecEntry {
  let ids: ReadonlySet<string> | undefined;
  return {
    file,
    dir,
    id: model.frontMatter.values.id,
    get requirementIds() {
      return (ids ??= new Set(model.requirements.map((r) => r.id)));
    },
    model,
  };
}

export class WorkspaceIndex {
  private byId = new Map<string, SpecEntry[]>();
  /**
   * False while an editor is still indexing the workspace in the background: until then a reference to
   * another spec cannot be called dangling (the spec may just not be read yet).
   */
  complete = true;
  /**
   * Bumped by every change other specs can see (a spec added or removed, its id or requirement ids changed),
   * so a cached result can tell the index changed; an open spec's keystrokes mostly leave it as it was.
   */
  version = 0;

  constructor(entries: Iterable<SpecEntry> = []) {
    for (const e of entries) this.add(e);
  }

  add(entry: SpecEntry): void {
    if (!entry.id) return;
    const list = this.byId.get(entry.id) ?? [];
    const i = list.findIndex((e) => e.file === entry.file);
    if (i >= 0) {
      if (!sameRequirementIds(list[i]!.model, entry.model)) this.version++;
      list[i] = entry;
    } else {
      this.version++;
      list.push(entry);
    }
    this.byId.set(entry.id, list);
  }

  /** A spec's entry replaces the one of the same file, wherever its id put it. */
  replace(entry: SpecEntry): void {
    const now = entry.id ? this.byId.get(entry.id)?.find((e) => e.file === entry.file) : undefined;
    if (!now) this.remove(entry.file);
    this.add(entry);
  }

  remove(file: string): void {
    for (const [id, list] of this.byId) {
      const next = list.filter((e) => e.file !== file);
      if (next.length === list.length) continue;
      this.version++;
      if (next.length) this.byId.set(id, next);
      else this.byId.delete(id);
    }
  }

  /** Every indexed spec. */
  entries(): SpecEntry[] {
    return [...this.byId.values()].flat();
  }

  /** The specs with an id, neighbours of `fromDir` first. */
  specsWithId(specId: string, fromDir: string | undefined): SpecEntry[] {
    const list = this.byId.get(specId) ?? [];
    const near = list.filter((e) => e.dir === fromDir);
    return near.length ? near : list;
  }

  /** Spec ids known, for suggestions. */
  specIds(): string[] {
    return [...this.byId.keys()].sort();
  }

  /**
   * The requirement ids of the spec with `specId`. When several specs share the id (two versions of a
   * spec side by side), those in `fromDir` win; else the union of all of them.
   */
  lookup(specId: string, fromDir: string | undefined): ReadonlySet<string> | undefined {
    const list = this.byId.get(specId);
    if (!list?.length) return undefined;
    const near = fromDir === undefined ? [] : list.filter((e) => e.dir === fromDir);
    const pick = near.length ? near : list;
    if (pick.length === 1) return pick[0]!.requirementIds;
    const all = new Set<string>();
    for (const e of pick) for (const id of e.requirementIds) all.add(id);
    return all;
  }
}

/**
 * Whether two models have the same requirement ids in the same order. Models of one open document share
 * their unchanged requirement objects, so this compares pointers and reads only the ids of replaced ones.
 */
export function sameRequirementIds(a: SpecModel, b: SpecModel): boolean {
  if (a === b) return true;
  const x = a.requirements;
  const y = b.requirements;
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i] && x[i]!.id !== y[i]!.id) return false;
  return true;
}
