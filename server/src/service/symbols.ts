/** The outline of a spec, folding ranges, and requirements across the workspace as symbols (with the fuzzy matcher). */
import { documentSymbols as outline, foldingRanges as folds, type SymbolNode } from '../core/features/navigation.js';
import type { Range } from '../core/text.js';
import type { ServiceWorkspace } from './workspace.js';

export type { SymbolNode };

export function documentSymbols(ws: ServiceWorkspace, file: string): SymbolNode[] {
  const model = ws.modelOf(file);
  return model ? outline(model) : [];
}

export function foldingRanges(ws: ServiceWorkspace, file: string): Range[] {
  const model = ws.modelOf(file);
  return model ? folds(model) : [];
}

export interface WorkspaceSymbol {
  /** `REQ-ID: Title`. */
  name: string;
  file: string;
  /** The requirement id in its heading. */
  range: Range;
  /** `spec-id version`. */
  container?: string;
}

/** At most this many symbols per query (editors show the first few anyway). */
export const MAX_WORKSPACE_SYMBOLS = 500;

/** Requirements whose `ID: Title` matches the query fuzzily (its characters in order, case-insensitive). */
export function workspaceSymbols(ws: ServiceWorkspace, query: string): WorkspaceSymbol[] {
  const q = query.toLowerCase();
  const out: WorkspaceSymbol[] = [];
  for (const e of ws.allSpecs()) {
    for (const r of e.model.requirements) {
      const name = `${r.id}: ${r.title}`;
      if (q && !fuzzyMatch(name.toLowerCase(), q)) continue;
      out.push({ name, file: e.file, range: r.idRange, container: e.id ? `${e.id} ${e.model.frontMatter.values.version ?? ''}`.trim() : undefined });
      if (out.length >= MAX_WORKSPACE_SYMBOLS) return out;
    }
  }
  return out;
}

/** Whether the query's characters appear in `name` in order, as editors' symbol pickers match. */
export function fuzzyMatch(name: string, query: string): boolean {
  let i = 0;
  for (let k = 0; k < name.length && i < query.length; k++) if (name[k] === query[i]) i++;
  return i === query.length;
}
