/**
 * `--cache`: what a CLI check computed, kept on disk between runs, like ESLint's `.eslintcache`. Two levels:
 *
 * - **Parsed specs**, keyed by a hash of each file's content. Parsing is nearly all of a check's time
 *   (BENCHMARKS.md), so after an edit only the edited files are parsed again.
 * - **Findings per file**, keyed by the file's content hash *and* a digest of everything its findings can
 *   depend on: the content of every spec and sidecar of its workspace, its configuration file and the
 *   profile. Any change there (another spec renumbered, a sidecar edited) recomputes them, so a cached
 *   finding is never stale; an unchanged re-run reads no model at all.
 *
 * Two files, written with Node's structured serializer (v8.serialize: Maps, NaN and undefined survive),
 * atomically (temporary file, then rename): the findings in FILE, the parsed specs in FILE.models, read
 * only when a spec has to be checked again (an unchanged re-run never reads them). A cache from another
 * tool or Node version, or one that cannot be read, is ignored and rewritten; a cache never changes what
 * is reported.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import type { SpecModel } from '../core/model.js';
import type { SpecDiagnostic } from '../core/diagnostics.js';
import { packageVersion } from './paths.js';

export const DEFAULT_CACHE_FILE = '.service-spec-cache';
/** Bump when the model's shape changes, or when a rule changes what it reports for the same input (cached findings). */
const FORMAT = 2;

interface Entry {
  hash: string;
  /** The model without its text (the file has it), serialized on its own so an unused one costs no parse. */
  model: Buffer;
}

interface StoredResult {
  key: string;
  diagnostics: SpecDiagnostic[];
}

interface Stored {
  key: string;
  results: Map<string, StoredResult>;
}

interface StoredModels {
  key: string;
  entries: Map<string, Entry>;
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

export class ParseCache {
  private loadedEntries: Map<string, Entry> | undefined;
  private results = new Map<string, StoredResult>();
  private dirty = false;
  private modelsDirty = false;
  /** Files seen in this run (they exist: no need to check before saving). */
  private seen = new Set<string>();
  /** Models read from the cache, and parsed anew, in this run. */
  hits = 0;
  misses = 0;
  /** Files whose findings were reused. */
  resultHits = 0;
  private readonly key = `service-spec ${packageVersion()} format ${FORMAT} v8 ${process.versions.v8}`;

  constructor(readonly file: string) {
    try {
      const stored = v8.deserialize(fs.readFileSync(file)) as Stored;
      if (stored && stored.key === this.key && stored.results instanceof Map) this.results = stored.results;
      else this.dirty = true;
    } catch {
      this.dirty = true; // missing or unreadable: start afresh
    }
  }

  private get entries(): Map<string, Entry> {
    if (!this.loadedEntries) {
      this.loadedEntries = new Map();
      try {
        const stored = v8.deserialize(fs.readFileSync(`${this.file}.models`)) as StoredModels;
        if (stored && stored.key === this.key && stored.entries instanceof Map) this.loadedEntries = stored.entries;
        else this.modelsDirty = true;
      } catch {
        this.modelsDirty = true;
      }
    }
    return this.loadedEntries;
  }

  /** The cached model for this file if its text is unchanged. */
  get(abs: string, text: string, hash = contentHash(text)): SpecModel | undefined {
    this.seen.add(abs);
    const e = this.entries.get(abs);
    if (!e || e.hash !== hash) {
      this.misses++;
      return undefined;
    }
    try {
      const model = { ...(v8.deserialize(e.model) as Omit<SpecModel, 'text'>), text } as SpecModel;
      this.hits++;
      return model;
    } catch {
      this.misses++;
      return undefined;
    }
  }

  /** Findings stored for this file under this key (its content hash and what they depend on). */
  result(abs: string, key: string): SpecDiagnostic[] | undefined {
    this.seen.add(abs);
    const r = this.results.get(abs);
    if (!r || r.key !== key) return undefined;
    this.resultHits++;
    return r.diagnostics;
  }

  setResult(abs: string, key: string, diagnostics: SpecDiagnostic[]): void {
    this.seen.add(abs);
    this.results.set(abs, { key, diagnostics });
    this.dirty = true;
  }

  set(abs: string, model: SpecModel, hash = contentHash(model.text)): void {
    this.seen.add(abs);
    const { text: _text, ...rest } = model;
    const old = this.entries.get(abs);
    if (old && old.hash === hash) return;
    this.entries.set(abs, { hash, model: v8.serialize(rest) });
    this.modelsDirty = true;
  }

  /** Writes what changed, dropping entries of files that no longer exist. Never throws. */
  save(): string | undefined {
    const prune = (map: Map<string, unknown>): boolean => {
      let changed = false;
      for (const abs of map.keys()) {
        if (!this.seen.has(abs) && !fs.existsSync(abs)) {
          map.delete(abs);
          changed = true;
        }
      }
      return changed;
    };
    if (prune(this.results as Map<string, unknown>)) this.dirty = true;
    if (this.loadedEntries && prune(this.loadedEntries as Map<string, unknown>)) this.modelsDirty = true;
    try {
      if (this.modelsDirty && this.loadedEntries)
        writeAtomically(`${this.file}.models`, v8.serialize({ key: this.key, entries: this.loadedEntries } satisfies StoredModels));
      if (this.dirty) writeAtomically(this.file, v8.serialize({ key: this.key, results: this.results } satisfies Stored));
      this.dirty = this.modelsDirty = false;
      return undefined;
    } catch (e) {
      return `cannot write cache ${this.file}: ${(e as Error).message}`;
    }
  }
}

function writeAtomically(file: string, data: Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch (e) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      /* nothing to clean up */
    }
    throw e;
  }
}
