/** `service-spec check --fix`: the language server's fix-all edits, written to the files. */
import * as path from 'node:path';
import { parseSpec } from '../core/parse.js';
import { applyEdits } from '../core/features/edits.js';
import { fixAllEdits } from '../core/features/fixes.js';
import type { CheckResult } from './check.js';
import type { Project } from './project.js';
import { WriteError, writeUserFile } from './writeFile.js';

export interface FixReport {
  /** The files written (paths as checked). */
  files: string[];
  /** One line per file left alone: changed on disk since it was checked, or not writable. */
  errors: string[];
}

/**
 * Applies fix-all to each spec of a check result, through `writeUserFile`: atomic, mode and symlinks
 * kept, and refused when the file is no longer the text that was checked (an edit made meanwhile wins).
 */
export function fixFiles(result: CheckResult, project: Project): FixReport {
  const report: FixReport = { files: [], errors: [] };
  for (const f of result.files) {
    if (f.kind !== 'spec' || !f.diagnostics.length) continue;
    const model = parseSpec(f.text);
    const { text, applied } = applyEdits(model.text, fixAllEdits(model, f.diagnostics));
    if (!applied) continue;
    try {
      writeUserFile(f.file, text, { expected: project.text(path.resolve(f.file)), keepBom: true });
      report.files.push(f.file);
    } catch (e) {
      if (!(e instanceof WriteError)) throw e;
      report.errors.push(e.message);
    }
  }
  return report;
}

/**
 * What a fix really achieved in the files it wrote: problems that disappeared (by rule and message), less
 * the missing fields it only replaced by a `TBC` placeholder (still a problem: the placeholder takes the
 * missing-field rule's severity), and how many such placeholders it wrote.
 */
export function fixOutcome(before: CheckResult, after: CheckResult, written: string[]): { fixed: number; placeholders: number } {
  const keys = (r: CheckResult, file: string) => {
    const m = new Map<string, number>();
    for (const d of r.files.find((f) => f.file === file && f.kind === 'spec')?.diagnostics ?? []) {
      const k = `${d.code}\0${d.message}`;
      m.set(k, (m.get(k) ?? 0) + 1);
    }
    return m;
  };
  let gone = 0;
  let placeholders = 0;
  for (const file of written) {
    const a = keys(before, file);
    const b = keys(after, file);
    for (const [k, n] of a) gone += Math.max(0, n - (b.get(k) ?? 0));
    for (const [k, n] of b) if (k.startsWith('placeholder-value\0')) placeholders += Math.max(0, n - (a.get(k) ?? 0));
  }
  return { fixed: Math.max(0, gone - placeholders), placeholders };
}
