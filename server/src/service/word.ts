/**
 * Word documents from the editor, through the same functions as the CLI: a .docx imported as a spec and its
 * review sidecar (`service-spec import`), and a spec's publication (`export`), review document (`review
 * --format docx`) and redline against another version (`diff --format docx`). The documents are built here
 * from the service's models (the open document's text, its configuration and sidecars); the host reads and
 * writes files (and runs the importer, which reads the .docx and the configuration). An existing file is never replaced unless the request says `force` (the user confirmed).
 */
import * as path from 'node:path';
import type { CostBasis } from '../docx/export.js';
import { parseSpec } from '../core/parse.js';
import type { SpecModel } from '../core/model.js';
import type { ReviewOfSpec } from '../core/rules/types.js';
import { exportDocx } from '../docx/export.js';
import { redlineDocx } from '../docx/redline.js';
import { reviewDocx } from '../docx/review.js';
import { ServiceError, TargetExistsError, type ImportedFiles, type ServiceHost } from './host.js';
import { otherVersion, type CompareWith } from './preview.js';
import type { Settings } from './settings.js';
import type { ServiceWorkspace } from './workspace.js';

/** What a write did: the file written, or the files that exist (nothing was written; ask, then retry with force). */
export type WriteOutcome<T> = ({ status: 'written' } & T) | { status: 'exists'; files: string[] };

/** Imports `docx` into `outDir` as `service-spec import` does; the files it writes are read again by the workspace. */
export function importWord(ws: ServiceWorkspace, host: ServiceHost, docx: string, outDir: string, force: boolean): WriteOutcome<ImportedFiles> {
  if (!host.importWord) throw new ServiceError('Word import needs files on disk');
  if (!path.isAbsolute(docx) || !path.isAbsolute(outDir)) throw new ServiceError('Word import needs a file and a folder on disk');
  let run: ImportedFiles;
  try {
    run = host.importWord(docx, outDir, force);
  } catch (e) {
    if (e instanceof TargetExistsError) return { status: 'exists', files: e.files };
    throw new ServiceError((e as Error).message.split('\n')[0]);
  }
  for (const f of [run.spec, run.review]) if (f) ws.fileChanged(f);
  return { status: 'written', ...run };
}

interface SpecForExport {
  model: SpecModel;
  basis: CostBasis;
  reviews: ReviewOfSpec[];
}

/** A spec as the editor has it (the open document's text, else the file), with its configuration and sidecars. */
function specForExport(ws: ServiceWorkspace, file: string, settings: Settings): SpecForExport {
  const a = ws.analysisOf(file, settings);
  if (a) return { model: a.model, basis: { config: a.config.config, profile: a.config.profile }, reviews: a.reviews };
  const model = ws.specModel(file);
  if (!model) throw new ServiceError(`cannot read ${file}`);
  const config = ws.configFor(file, settings);
  return { model, basis: { config: config.config, profile: config.profile }, reviews: ws.reviewsOf(file) };
}

function writeDocument(host: ServiceHost, out: string, bytes: () => Uint8Array, force: boolean): WriteOutcome<{ file: string }> {
  if (!host.writeDocument || !host.exists) throw new ServiceError('Word documents need files on disk');
  if (!path.isAbsolute(out)) throw new ServiceError(`cannot write ${out}: not a file path`);
  if (!force && host.exists(out)) return { status: 'exists', files: [out] };
  try {
    host.writeDocument(out, bytes(), force);
  } catch (e) {
    throw new ServiceError((e as Error).message.split('\n')[0]);
  }
  return { status: 'written', file: out };
}

/** The publication (`service-spec export --format docx`) of a spec, written to `out`. */
export function exportWord(ws: ServiceWorkspace, host: ServiceHost, file: string, out: string, force: boolean, settings: Settings) {
  const s = specForExport(ws, file, settings);
  return writeDocument(host, out, () => exportDocx(s.model, s.basis), force);
}

/** The publication with every note of the spec's sidecars as a Word comment (`service-spec review --format docx`). */
export function exportReviewWord(
  ws: ServiceWorkspace,
  host: ServiceHost,
  file: string,
  out: string,
  force: boolean,
  settings: Settings,
): WriteOutcome<{ file: string; notes: number }> {
  const s = specForExport(ws, file, settings);
  let notes = 0;
  const r = writeDocument(
    host,
    out,
    () => {
      const doc = reviewDocx(
        s.model,
        s.basis,
        s.reviews.map((x) => ({ review: x.review, anchors: x.anchors })),
      );
      notes = doc.notes.length;
      return doc.bytes;
    },
    force,
  );
  return r.status === 'written' ? { ...r, notes } : r;
}

/** The spec's publication with tracked changes against another version (`service-spec diff OLD NEW --format docx`). */
export function saveRedline(
  ws: ServiceWorkspace,
  host: ServiceHost,
  file: string,
  other: CompareWith,
  out: string,
  force: boolean,
  settings: Settings,
): WriteOutcome<{ file: string }> {
  const s = specForExport(ws, file, settings);
  const o = otherVersion(ws, host, file, other, settings);
  const old = parseSpec(o.text);
  return writeDocument(host, out, () => redlineDocx(old, s.model, { config: o.config.config, profile: o.config.profile }, s.basis), force);
}
