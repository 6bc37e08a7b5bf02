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
}

export class Project {
  private models = new Map<string, SpecModel | ReadError>();
  private configs = new Map<string, LoadedConfig | ReadError>();
  private workspaces = new Map<string, WorkspaceIndex>();
  private reviews = new Map<string, ReviewFile | ReadError>();
  private reviewLists = new Map<string, string[]>();

  constructor(readonly options: ProjectOptions = {}) {}

  /** Parsed spec (by absolute path), or the read error. */
  spec(abs: string): SpecModel | ReadError {
    let m = this.models.get(abs);
    if (!m) {
      try {
        m = parseSpec(readUtf8(abs));
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
    return findConfigFile(path.dirname(absSpec));
  }

  config(absConfig: string | undefined): LoadedConfig | ReadError {
    const key = absConfig ?? '';
    let c = this.configs.get(key);
    if (!c) {
      if (!absConfig) c = defaultConfig({ profile: this.options.profile, knownRules: RULE_IDS });
      else {
        try {
          c = parseConfig(readUtf8(absConfig), absConfig, { profile: this.options.profile, knownRules: RULE_IDS });
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
        r = parseReview(readUtf8(abs));
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
    if (model instanceof ReadError) return { problem: `Review file names spec "${review.spec}", which cannot be read (${model.message.replace(/^cannot read [^:]+: /, '')})` };
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
