/** Text edits in core terms (offsets), applied by the CLI's --fix and converted to LSP edits by the server. */
import type { Range } from '../text.js';

export interface TextEdit {
  range: Range;
  newText: string;
}

/** Applies non-overlapping edits (any order); overlapping ones after the first are skipped. */
export function applyEdits(text: string, edits: TextEdit[]): { text: string; applied: number } {
  const sorted = [...edits].sort((a, b) => b.range.start - a.range.start || b.range.end - a.range.end);
  let out = text;
  let applied = 0;
  let floor = Infinity;
  for (const e of sorted) {
    if (e.range.end > floor) continue; // overlaps an edit already applied further on
    out = out.slice(0, e.range.start) + e.newText + out.slice(e.range.end);
    floor = e.range.start;
    applied++;
  }
  return { text: out, applied };
}
