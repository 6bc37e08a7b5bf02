/** `service-spec check --fix`: the language server's fix-all edits, written to the files. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseSpec } from '../core/parse.js';
import { applyEdits } from '../core/features/edits.js';
import { fixAllEdits } from '../core/features/fixes.js';
import type { CheckResult } from './check.js';

export interface FixReport {
  files: number;
  edits: number;
}

/** Applies fix-all to each spec of a check result; writes atomically (temporary file, then rename). */
export function fixFiles(result: CheckResult): FixReport {
  let files = 0;
  let edits = 0;
  for (const f of result.files) {
    if (f.kind !== 'spec' || !f.diagnostics.length) continue;
    const model = parseSpec(f.text);
    const { text, applied } = applyEdits(model.text, fixAllEdits(model, f.diagnostics));
    if (!applied) continue;
    const original = fs.readFileSync(f.file, 'utf8');
    const bom = original.charCodeAt(0) === 0xfeff ? '\uFEFF' : '';
    const tmp = path.join(path.dirname(f.file), `.${path.basename(f.file)}.${process.pid}.tmp`);
    fs.writeFileSync(tmp, bom + text);
    fs.renameSync(tmp, f.file);
    files++;
    edits += applied;
  }
  return { files, edits };
}
