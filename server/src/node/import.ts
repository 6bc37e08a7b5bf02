/**
 * `service-spec import` on disk: reads the .docx, loads the configuration (`--config FILE`, else the one
 * found walking up from the output folder, else the built-in defaults), runs the pure import
 * (`server/src/word`), and writes `DIR/ID.spec.md` and, when a note is anchored, `DIR/ID.review.yaml`.
 * Files are written atomically (`writeUserFile`: a temporary file, then a rename) and an existing target is
 * never replaced without `force`: then nothing at all is written. Every failure is one line naming the file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConfig, parseConfig, type LoadedConfig } from '../core/config.js';
import { RULES } from '../core/rules/index.js';
import { importDocx, WordImportError, type ImportReport } from '../word/index.js';
import { findConfigFile, readUtf8 } from './files.js';
import { WriteError, writeUserFile } from './writeFile.js';

/** A problem that stops the import: one line naming the file (exit status 2). */
export class ImportFailure extends Error {}

export interface ImportRunOptions {
  /** Output folder (default `.`); created when missing. */
  out?: string;
  specId?: string;
  prefix?: string;
  version?: string;
  published?: string;
  reviewer?: string;
  configFile?: string;
  force?: boolean;
}

export interface ImportRun {
  source: string;
  /** Paths written, relative when the folder was given relative. */
  spec: string;
  review: string | null;
  /** The configuration used, or null for the built-in defaults. */
  config: string | null;
  report: ImportReport;
  /** One-line warnings (a configuration with errors, for instance). */
  warnings: string[];
}

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return (e as Error).message;
}

function readBytes(file: string): Uint8Array {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    throw new ImportFailure(`cannot read ${file}: ${reason(e)}`);
  }
  if (st.isDirectory()) throw new ImportFailure(`cannot read ${file}: is a folder`);
  if (!st.isFile()) throw new ImportFailure(`cannot read ${file}: not a regular file`);
  try {
    return new Uint8Array(fs.readFileSync(file));
  } catch (e) {
    throw new ImportFailure(`cannot read ${file}: ${reason(e)}`);
  }
}

/** The nearest folder that exists, from `dir` upwards (the output folder may not exist yet). */
function existingAncestor(dir: string): string {
  let d = path.resolve(dir);
  while (!fs.existsSync(d) && path.dirname(d) !== d) d = path.dirname(d);
  return d;
}

export function loadImportConfig(configFile: string | undefined, outDir: string): { loaded: LoadedConfig; warnings: string[] } {
  const file = configFile ?? findConfigFile(existingAncestor(outDir));
  if (!file) return { loaded: defaultConfig(), warnings: [] };
  let text: string;
  try {
    text = readUtf8(file);
  } catch (e) {
    throw new ImportFailure((e as Error).message);
  }
  const loaded = parseConfig(text, file, { knownRules: RULES.map((r) => r.id) });
  const warnings = loaded.fellBack ? [`configuration ${file} has errors (run service-spec check on it); funding sources are the built-in ones`] : [];
  return { loaded, warnings };
}

export function runImport(file: string, options: ImportRunOptions = {}): ImportRun {
  const outDir = options.out ?? '.';
  const bytes = readBytes(file);
  const { loaded, warnings } = loadImportConfig(options.configFile, outDir);
  let result: ReturnType<typeof importDocx>;
  try {
    result = importDocx(bytes, {
      config: loaded.config,
      specId: options.specId,
      prefix: options.prefix,
      version: options.version,
      published: options.published,
      reviewer: options.reviewer,
      sourceName: path.basename(file),
    });
  } catch (e) {
    if (e instanceof WordImportError) throw new ImportFailure(`cannot import ${file}: ${e.message}`);
    throw e;
  }
  const spec = path.join(outDir, result.report.specFile);
  const review = result.report.reviewFile ? path.join(outDir, result.report.reviewFile) : null;
  if (fs.existsSync(outDir) && !fs.statSync(outDir).isDirectory()) throw new ImportFailure(`cannot write into ${outDir}: not a folder`);
  if (!options.force) {
    for (const target of [spec, review]) {
      if (target && fs.existsSync(target)) throw new ImportFailure(`${target} exists; nothing was written (--force overwrites it)`);
    }
  }
  try {
    fs.mkdirSync(outDir, { recursive: true });
  } catch (e) {
    throw new ImportFailure(`cannot create folder ${outDir}: ${reason(e)}`);
  }
  // Without --force a target must still not exist at the moment it is written (`expected: null`).
  const expected = options.force ? undefined : null;
  try {
    writeUserFile(spec, result.specText, { expected });
    if (review && result.reviewText) writeUserFile(review, result.reviewText, { expected });
  } catch (e) {
    if (e instanceof WriteError) throw new ImportFailure(e.message);
    throw e;
  }
  return { source: file, spec, review, config: loaded.path, report: result.report, warnings };
}
