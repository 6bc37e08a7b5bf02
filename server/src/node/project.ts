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
import { findConfigFile, findSpecs, readUtf8, ReadError } from './files.js';

export interface ProjectOptions {
  /** Use this configuration file for every spec instead of looking one up. */
  configFile?: string;
  profile?: string;
}

export class Project {
  private models = new Map<string, SpecModel | ReadError>();
  private configs = new Map<string, LoadedConfig | ReadError>();
  private workspaces = new Map<string, WorkspaceIndex>();

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
