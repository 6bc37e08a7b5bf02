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
 * The file is written with Node's structured serializer (v8.serialize: Maps, NaN and undefined survive),
 * atomically (temporary file, then rename). A cache from another tool or Node version, or one that cannot
 * be read, is ignored and rewritten; a cache never changes what is reported.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import type { SpecModel } from '../core/model.js';
import type { SpecDiagnostic } from '../core/diagnostics.js';
import { packageVersion } from './paths.js';

export const DEFAULT_CACHE_FILE = '.service-spec-cache';
/** Bump when the model's shape changes. */
const FORMAT = 1;

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
  entries: Map<string, Entry>;
  results: Map<string, StoredResult>;
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

export class ParseCache {
  private entries = new Map<string, Entry>();
  private results = new Map<string, StoredResult>();
  private dirty = false;
  /** Models read from the cache, and parsed anew, in this run. */
  hits = 0;
  misses = 0;
  /** Files whose findings were reused. */
  resultHits = 0;
  private readonly key = `service-spec ${packageVersion()} format ${FORMAT} v8 ${process.versions.v8}`;

  constructor(readonly file: string) {
    try {
      const stored = v8.deserialize(fs.readFileSync(file)) as Stored;
      if (stored && stored.key === this.key && stored.entries instanceof Map && stored.results instanceof Map) {
        this.entries = stored.entries;
        this.results = stored.results;
      } else this.dirty = true;
    } catch {
      this.dirty = true; // missing or unreadable: start afresh
    }
  }

  /** The cached model for this file if its text is unchanged. */
  get(abs: string, text: string, hash = contentHash(text)): SpecModel | undefined {
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
    const r = this.results.get(abs);
    if (!r || r.key !== key) return undefined;
    this.resultHits++;
    return r.diagnostics;
  }

  setResult(abs: string, key: string, diagnostics: SpecDiagnostic[]): void {
    this.results.set(abs, { key, diagnostics });
    this.dirty = true;
  }

  set(abs: string, model: SpecModel, hash = contentHash(model.text)): void {
    const { text: _text, ...rest } = model;
    const old = this.entries.get(abs);
    if (old && old.hash === hash) return;
    this.entries.set(abs, { hash, model: v8.serialize(rest) });
    this.dirty = true;
  }

  /** Writes the cache if it changed, dropping entries of files that no longer exist. Never throws. */
  save(): string | undefined {
    for (const map of [this.entries, this.results] as Map<string, unknown>[]) {
      for (const abs of map.keys()) {
        if (!fs.existsSync(abs)) {
          map.delete(abs);
          this.dirty = true;
        }
      }
    }
    if (!this.dirty) return undefined;
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      fs.mkdirSync(path.dirname(path.resolve(this.file)), { recursive: true });
      fs.writeFileSync(tmp, v8.serialize({ key: this.key, entries: this.entries, results: this.results } satisfies Stored));
      fs.renameSync(tmp, this.file);
      this.dirty = false;
      return undefined;
    } catch (e) {
      try {
        fs.rmSync(tmp, { force: true });
      } catch {
        /* nothing to clean */
      }
      return `cannot write cache ${this.file}: ${(e as Error).message}`;
    }
  }
}
