/**
 * The one workspace model, shared by the CLI and the language server: which configuration applies to a
 * file, which folder is its workspace (for `spec-id/REQ` references and sidecars), which spec a sidecar
 * names, which sidecars review a spec. Files are read through a `ProjectHost` and parsed once; the
 * language server calls `invalidate` when a file changes.
 */
import * as path from 'node:path';
import { anchorsOf } from '../core/analyze.js';
import { CONFIG_FILE_NAME, defaultConfig, parseConfig, type LoadedConfig } from '../core/config.js';
import type { SpecModel } from '../core/model.js';
import { parseSpec } from '../core/parse.js';
import { parseReview, type ReviewFile } from '../core/review/sidecar.js';
import { RULE_IDS } from '../core/rules/index.js';
import type { ReviewOfSpec } from '../core/rules/types.js';
import { specEntry, WorkspaceIndex } from '../core/workspace.js';
import { ReadError, type ProjectHost } from './host.js';

export const SPEC_SUFFIX = '.spec.md';
export const REVIEW_SUFFIX = '.review.yaml';

export interface ReviewTarget {
  /** Absolute path of the spec the sidecar names, when it is inside the workspace and readable. */
  specAbs?: string;
  /** Why the spec cannot be used (outside the workspace, missing, unreadable). */
  problem?: string;
}

/** Parsed specs kept between runs (the CLI's `--cache`). */
export interface ModelCache {
  get(abs: string, text: string, hash?: string): SpecModel | undefined;
  set(abs: string, model: SpecModel, hash?: string): void;
}

export interface ProjectOptions {
  /** Use this configuration file for every spec instead of looking one up (never changes the workspace folder). */
  configFile?: string;
  profile?: string;
  /** Parsed specs kept between runs (`--cache`). */
  cache?: ModelCache;
  /** Content hash for the cache's keys. */
  hash?: (text: string) => string;
  /** Parses many files at once (worker threads); undefined when not worth it (few or small files). */
  parseMany?: (files: string[]) => (SpecModel | ReadError)[] | undefined;
}

export class Project {
  private texts = new Map<string, string | ReadError>();
  private hashes = new Map<string, string>();
  private models = new Map<string, SpecModel | ReadError>();
  private configs = new Map<string, LoadedConfig | ReadError>();
  private configPaths = new Map<string, string | undefined>();
  private reviews = new Map<string, ReviewFile | ReadError>();
  private reviewLists = new Map<string, string[]>();
  private workspaces = new Map<string, WorkspaceIndex>();

  constructor(
    readonly host: ProjectHost,
    readonly options: ProjectOptions = {},
  ) {}

  /** Forgets what was read of a file (it changed, was created or deleted); folder listings and indexes too. */
  invalidate(abs: string): void {
    this.texts.delete(abs);
    this.hashes.delete(abs);
    this.models.delete(abs);
    this.reviews.delete(abs);
    this.configs.delete(abs);
    if (path.basename(abs) === CONFIG_FILE_NAME) this.configPaths.clear();
    this.reviewLists.clear();
    this.workspaces.clear();
  }

  /** A file's text, read once (throws the ReadError). */
  text(abs: string): string {
    let t = this.texts.get(abs);
    if (t === undefined) {
      try {
        t = this.host.readText(abs);
      } catch (e) {
        t = e instanceof ReadError ? e : new ReadError(abs, `cannot read ${abs}: ${(e as Error).message}`);
      }
      this.texts.set(abs, t);
    }
    if (t instanceof ReadError) throw t;
    return t;
  }

  /** Hash of a file's content (or of why it cannot be read), for cache keys. */
  hashOf(abs: string): string {
    let h = this.hashes.get(abs);
    if (h === undefined) {
      try {
        const text = this.text(abs);
        h = this.options.hash ? this.options.hash(text) : text;
      } catch (e) {
        h = `unreadable: ${(e as Error).message}`;
      }
      this.hashes.set(abs, h);
    }
    return h;
  }

  /** Parses these specs ahead (in parallel when the host can); `spec()` then returns the results. */
  preload(absFiles: string[]): void {
    let todo = [...new Set(absFiles)].filter((f) => !this.models.has(f));
    const { cache, parseMany } = this.options;
    if (cache) {
      todo = todo.filter((f) => {
        try {
          const m = cache.get(f, this.text(f), this.hashOf(f));
          if (m) this.models.set(f, m);
          return !m;
        } catch {
          return true; // spec() reports it
        }
      });
    }
    const parsed = todo.length && parseMany ? parseMany(todo) : undefined;
    parsed?.forEach((m, i) => {
      this.models.set(todo[i]!, m);
      if (!(m instanceof ReadError)) cache?.set(todo[i]!, m, this.options.hash ? this.hashOf(todo[i]!) : undefined);
    });
  }

  /** Records a model parsed elsewhere (the language server's open documents, a background index). */
  setSpec(abs: string, model: SpecModel): void {
    this.models.set(abs, model);
  }

  /** Parsed spec (by absolute path), or the read error. */
  spec(abs: string): SpecModel | ReadError {
    let m = this.models.get(abs);
    if (!m) {
      try {
        const text = this.text(abs);
        const cache = this.options.cache;
        const hash = cache && this.options.hash ? this.hashOf(abs) : undefined;
        m = cache?.get(abs, text, hash);
        if (!m) {
          m = parseSpec(text, { whole: true }); // one remark pass: no edits to reuse chunks for
          cache?.set(abs, m, hash);
        }
      } catch (e) {
        m = e instanceof ReadError ? e : new ReadError(abs, `cannot read ${abs}: ${(e as Error).message}`);
      }
      this.models.set(abs, m);
    }
    return m;
  }

  /** The nearest configuration file in the file's folder or above, whatever `--config` says. */
  nearestConfig(abs: string): string | undefined {
    const start = path.dirname(abs);
    if (this.configPaths.has(start)) return this.configPaths.get(start);
    let found: string | undefined;
    for (let dir = start; ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, CONFIG_FILE_NAME);
      if (this.host.isFile(candidate)) {
        found = candidate;
        break;
      }
      if (path.dirname(dir) === dir) break;
    }
    this.configPaths.set(start, found);
    return found;
  }

  /** Absolute path of the configuration file that applies to a file, or undefined for the defaults. */
  configPathFor(abs: string): string | undefined {
    return this.options.configFile ? path.resolve(this.options.configFile) : this.nearestConfig(abs);
  }

  /**
   * The workspace folder of a file: the folder of the nearest configuration file above it, else `fallback`
   * (the folder opened or checked; for a lone file, its own folder). `--config` never changes it.
   */
  rootFor(abs: string, fallback: string = path.dirname(abs)): string {
    const nearest = this.nearestConfig(abs);
    return nearest ? path.dirname(nearest) : path.resolve(fallback);
  }

  /** The loaded configuration at a path (undefined: the built-in defaults), or why it cannot be read. */
  config(absConfig: string | undefined): LoadedConfig | ReadError {
    const key = absConfig ?? '';
    let c = this.configs.get(key);
    if (!c) {
      const opts = { profile: this.options.profile, knownRules: RULE_IDS };
      if (!absConfig) c = defaultConfig(opts);
      else {
        try {
          c = parseConfig(this.text(absConfig), absConfig, opts);
        } catch (e) {
          c = e instanceof ReadError ? e : new ReadError(absConfig, String(e));
        }
      }
      this.configs.set(key, c);
    }
    return c;
  }

  /** A parsed review sidecar (by absolute path), or the read error. */
  review(abs: string): ReviewFile | ReadError {
    let r = this.reviews.get(abs);
    if (!r) {
      try {
        r = parseReview(this.text(abs));
      } catch (e) {
        r = e instanceof ReadError ? e : new ReadError(abs, `cannot read ${abs}: ${(e as Error).message}`);
      }
      this.reviews.set(abs, r);
    }
    return r;
  }

  /** Whether `file` is inside `root`, as written and with symlinks resolved. */
  isInside(root: string, file: string): boolean {
    return isInside(root, file, (p) => this.host.realPath(p));
  }

  /** The spec a sidecar names: relative to the sidecar, inside the sidecar's workspace `root`, readable. */
  reviewTarget(reviewAbs: string, review: ReviewFile, root: string = this.rootFor(reviewAbs)): ReviewTarget {
    if (!review.spec) return {};
    const specAbs = path.resolve(path.dirname(reviewAbs), review.spec);
    if (!this.isInside(root, specAbs)) return { problem: `Review file names spec "${review.spec}", which is outside the workspace; expected a path inside it` };
    if (!this.host.isFile(specAbs)) return { problem: `Review file names spec "${review.spec}", which does not exist` };
    const model = this.spec(specAbs);
    if (model instanceof ReadError)
      return { problem: `Review file names spec "${review.spec}", which cannot be read (${model.message.replace(/^cannot read [^:]+: /, '')})` };
    return { specAbs };
  }

  /** The sidecars below `root` that review a spec, with their notes' anchors. */
  reviewsFor(specAbs: string, root: string = this.rootFor(specAbs)): ReviewOfSpec[] {
    let files = this.reviewLists.get(root);
    if (!files) this.reviewLists.set(root, (files = this.host.listFiles(root, [REVIEW_SUFFIX])));
    const model = this.spec(specAbs);
    if (model instanceof ReadError) return [];
    const out: ReviewOfSpec[] = [];
    for (const file of files) {
      const review = this.review(file);
      if (review instanceof ReadError) continue;
      if (this.reviewTarget(file, review, root).specAbs !== specAbs) continue;
      out.push({ file, review, anchors: anchorsOf(review, model) });
    }
    return out;
  }

  /** The specs of a workspace folder, for `spec-id/REQ-ID` references. */
  workspace(root: string): WorkspaceIndex {
    let w = this.workspaces.get(root);
    if (!w) {
      w = new WorkspaceIndex();
      for (const file of this.host.listFiles(root, [SPEC_SUFFIX])) {
        const m = this.spec(file);
        if (!(m instanceof ReadError)) w.add(specEntry(file, path.dirname(file), m));
      }
      this.workspaces.set(root, w);
    }
    return w;
  }
}

/**
 * Whether `file` is inside the folder `root`, both as written and with symlinks resolved (`realPath`), so a
 * link in the workspace to a file outside it does not count as inside.
 */
export function isInside(root: string, file: string, realPath: (p: string) => string): boolean {
  const within = (r: string, f: string) => {
    const rel = path.relative(r, f);
    return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
  };
  const r = path.resolve(root);
  const f = path.resolve(file);
  return within(r, f) && within(realPath(r), realPath(f));
}
