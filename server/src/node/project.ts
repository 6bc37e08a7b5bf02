/**
 * A project on disk, as the CLI sees it: specs, their configuration files and their workspaces, each
 * read and parsed once. The language server has its own store for open documents but the same rules.
 */
import * as path from 'node:path';
import { parseConfig, defaultConfig, type LoadedConfig } from '../core/config.js';
import { parseSpec } from '../core/parse.js';
import type { SpecModel } from '../core/model.js';
import { RULE_IDS } from '../core/rules/index.js';
import { WorkspaceIndex, specEntry } from '../core/workspace.js';
import { findConfigFile, findSpecs, isInside, readUtf8, ReadError, REVIEW_SUFFIX } from './files.js';
import { parseReview, type ReviewFile } from '../core/review/sidecar.js';
import { anchorsOf } from '../core/analyze.js';
import type { ReviewOfSpec } from '../core/rules/types.js';
import * as fs from 'node:fs';
import { contentHash, type ParseCache } from './cache.js';
import { defaultThreads, parseFiles, PARALLEL_MIN_BYTES, PARALLEL_MIN_FILES } from './parallel.js';

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

export interface ReviewTarget {
  /** Absolute path of the spec the sidecar names, when it is inside the workspace. */
  specAbs?: string;
  /** Why the spec cannot be used (outside the workspace, missing, unreadable). */
  problem?: string;
}

export interface ProjectOptions {
  /** Use this configuration file for every spec instead of looking one up. */
  configFile?: string;
  profile?: string;
  /** Threads for parsing (1: none); default one per core. */
  threads?: number;
  /** Parsed specs kept between runs (`--cache`). */
  cache?: ParseCache;
}

export class Project {
  private models = new Map<string, SpecModel | ReadError>();
  private configs = new Map<string, LoadedConfig | ReadError>();
  private workspaces = new Map<string, WorkspaceIndex>();
  private reviews = new Map<string, ReviewFile | ReadError>();
  private reviewLists = new Map<string, string[]>();

  private texts = new Map<string, string | ReadError>();
  private hashes = new Map<string, string>();

  constructor(readonly options: ProjectOptions = {}) {}

  /** A file's text, read once per run (throws the ReadError). */
  text(abs: string): string {
    let t = this.texts.get(abs);
    if (t === undefined) {
      try {
        t = readUtf8(abs);
      } catch (e) {
        t = e instanceof ReadError ? e : new ReadError(abs, `cannot read ${abs}: ${(e as Error).message}`);
      }
      this.texts.set(abs, t);
    }
    if (t instanceof ReadError) throw t;
    return t;
  }

  /** Hash of a file's content (or of why it cannot be read), for the cache's keys. */
  hashOf(abs: string): string {
    let h = this.hashes.get(abs);
    if (h === undefined) {
      try {
        h = contentHash(this.text(abs));
      } catch (e) {
        h = `unreadable: ${(e as Error).message}`;
      }
      this.hashes.set(abs, h);
    }
    return h;
  }

  /**
   * Parses these specs ahead, on several threads when there are enough of them (node/parallel.ts);
   * `spec()` then returns the results. Files already parsed are skipped.
   */
  preload(absFiles: string[]): void {
    let todo = [...new Set(absFiles)].filter((f) => !this.models.has(f));
    const cache = this.options.cache;
    if (cache) {
      // Unchanged files come from the cache; only the others are parsed.
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
    let bytes = 0;
    for (const f of todo) bytes += fileSize(f);
    const threads = this.options.threads ?? defaultThreads();
    if (threads < 2 || todo.length < PARALLEL_MIN_FILES || bytes < PARALLEL_MIN_BYTES) return;
    parseFiles(todo, threads).forEach((m, i) => {
      this.models.set(todo[i]!, m);
      if (!(m instanceof ReadError)) cache?.set(todo[i]!, m);
    });
  }

  /** Parsed spec (by absolute path), or the read error. */
  spec(abs: string): SpecModel | ReadError {
    let m = this.models.get(abs);
    if (!m) {
      try {
        const text = this.text(abs);
        const cache = this.options.cache;
        const hash = cache ? this.hashOf(abs) : '';
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

  /** Absolute path of the configuration file that applies to a spec, or undefined for the defaults. */
  configPathFor(absSpec: string): string | undefined {
    if (this.options.configFile) return path.resolve(this.options.configFile);
    const dir = path.dirname(absSpec);
    if (!this.configPaths.has(dir)) this.configPaths.set(dir, findConfigFile(dir));
    return this.configPaths.get(dir);
  }

  private configPaths = new Map<string, string | undefined>();

  config(absConfig: string | undefined): LoadedConfig | ReadError {
    const key = absConfig ?? '';
    let c = this.configs.get(key);
    if (!c) {
      if (!absConfig) c = defaultConfig({ profile: this.options.profile, knownRules: RULE_IDS });
      else {
        try {
          c = parseConfig(this.text(absConfig), absConfig, { profile: this.options.profile, knownRules: RULE_IDS });
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

  /** The spec a sidecar names: relative to the sidecar, and never outside the workspace root. */
  reviewTarget(reviewAbs: string, review: ReviewFile, root: string): ReviewTarget {
    if (!review.spec) return {};
    const specAbs = path.resolve(path.dirname(reviewAbs), review.spec);
    if (!isInside(root, specAbs)) return { problem: `Review file names spec "${review.spec}", which is outside the workspace; expected a path inside it` };
    const model = this.spec(specAbs);
    if (model instanceof ReadError)
      return { problem: `Review file names spec "${review.spec}", which cannot be read (${model.message.replace(/^cannot read [^:]+: /, '')})` };
    return { specAbs };
  }

  /** The sidecars of a workspace that review a given spec, with their notes' anchors. */
  reviewsFor(specAbs: string, root: string): ReviewOfSpec[] {
    let files = this.reviewLists.get(root);
    if (!files) this.reviewLists.set(root, (files = findSpecs(root, REVIEW_SUFFIX)));
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

  /** The specs of a workspace folder (for `spec-id/REQ-ID` references). */
  workspace(root: string): WorkspaceIndex {
    let w = this.workspaces.get(root);
    if (!w) {
      w = new WorkspaceIndex();
      for (const file of findSpecs(root)) {
        const m = this.spec(file);
        if (!(m instanceof ReadError)) w.add(specEntry(file, path.dirname(file), m));
      }
      this.workspaces.set(root, w);
    }
    return w;
  }
}
