/** `service-spec cost`: every spec found, costed under its own configuration and the active profile. */
import * as path from 'node:path';
import { checkSpec } from '../core/analyze.js';
import type { LoadedConfig } from '../core/config.js';
import { specCostReport, assumptionsOf, type SpecCostReport, type Assumptions } from '../core/estimator/report.js';
import { invalidWorkload } from '../core/rules/invalid-workload.js';
import { LineIndex } from '../core/text.js';
import { ReadError, comparePaths, expandPaths } from './files.js';
import { nodeProject, type NodeProjectOptions as ProjectOptions, type Project } from './project.js';

/** A workload entry that was not costed (unknown role, bad minutes...): it counts £0 in the figures. */
export interface CostWarning {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface CostResult {
  profile: string;
  /** Those of the first spec's configuration (or of --config / the defaults when no spec was found). */
  assumptions: Assumptions;
  specs: SpecCostReport[];
  /** Workload the figures leave out, as `check` reports it (invalid-workload), whatever its configured severity. */
  warnings: CostWarning[];
  ioErrors: string[];
  usageErrors: string[];
}

/**
 * Why a configuration cannot be used for figures: its first error, as `FILE:LINE:COL: message` (a
 * configuration with errors falls back to the defaults, which would give figures nobody asked for).
 */
export function configError(loaded: LoadedConfig, project: Project, shownPath: string): string | undefined {
  const first = loaded.problems.find((p) => p.severity === 'error');
  if (!first || !loaded.path) return undefined;
  let where = shownPath;
  try {
    const pos = new LineIndex(project.text(loaded.path)).positionAt(first.range.start);
    where = `${shownPath}:${pos.line + 1}:${pos.character + 1}`;
  } catch {
    /* the text was read to parse it; keep the bare path if not */
  }
  const more = loaded.problems.filter((p) => p.severity === 'error').length - 1;
  return `invalid configuration ${where}: ${first.message}${more ? ` (and ${more} more; service-spec check lists them)` : ''}`;
}

/** The message for an unknown --profile. */
export function unknownProfile(loaded: LoadedConfig, shownPath: string | undefined): string {
  const known = loaded.profiles.length ? loaded.profiles.join(', ') : 'none defined';
  return `unknown profile "${loaded.unknownProfile}" (${shownPath ? `profiles in ${shownPath}: ${known}` : 'no configuration file, so no profiles'})`;
}

export function runCost(paths: string[], options: ProjectOptions = {}, project = nodeProject(options)): CostResult {
  const specs: SpecCostReport[] = [];
  const warnings: CostWarning[] = [];
  const { groups, errors: ioErrors } = expandPaths(paths);
  const usageErrors = new Set<string>();
  for (const { files } of groups) {
    const group: SpecCostReport[] = [];
    for (const file of files) {
      const abs = path.resolve(file);
      const model = project.spec(abs);
      if (model instanceof ReadError) {
        ioErrors.push(model.message.replace(abs, file));
        continue;
      }
      const configPath = project.configPathFor(abs);
      const loaded = project.config(configPath);
      if (loaded instanceof ReadError) {
        if (!ioErrors.includes(loaded.message)) ioErrors.push(loaded.message);
        continue;
      }
      const invalid = configError(loaded, project, shown(loaded.path ?? '', file));
      if (invalid) {
        usageErrors.add(invalid);
        continue;
      }
      if (loaded.unknownProfile) {
        usageErrors.add(unknownProfile(loaded, loaded.path ? shown(loaded.path, file) : undefined));
        continue;
      }
      const lines = new LineIndex(model.text);
      for (const d of checkSpec(model, { config: loaded, rules: [invalidWorkload], severityOverrides: { [invalidWorkload.id]: 'warning' } })) {
        const pos = lines.positionAt(d.range.start);
        warnings.push({ file, line: pos.line + 1, column: pos.character + 1, message: `${d.message}; not costed` });
      }
      group.push(specCostReport(file, model, loaded, configPath ? shown(configPath, file) : null));
    }
    group.sort((a, b) => comparePaths(a.file, b.file));
    specs.push(...group);
  }
  let fallback = project.config(options.configFile ? path.resolve(options.configFile) : undefined);
  if (fallback instanceof ReadError) fallback = project.config(undefined) as LoadedConfig;
  const assumptions = specs[0]?.assumptions ?? assumptionsOf(fallback.config);
  return { profile: options.profile ?? 'default', assumptions, specs, warnings, ioErrors, usageErrors: [...usageErrors] };
}

function shown(abs: string, relativeTo: string): string {
  if (path.isAbsolute(relativeTo)) return abs;
  return path.relative(process.cwd(), abs).split(path.sep).join('/');
}
