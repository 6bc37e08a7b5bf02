/** `service-spec cost`: every spec found, costed under its own configuration and the active profile. */
import * as path from 'node:path';
import { specCostReport, assumptionsOf, type SpecCostReport, type Assumptions } from '../core/estimator/report.js';
import { ReadError, comparePaths, expandPaths } from './files.js';
import type { LoadedConfig } from '../core/config.js';
import { nodeProject, type NodeProjectOptions as ProjectOptions } from './project.js';

export interface CostResult {
  profile: string;
  /** Those of the first spec's configuration (or of --config / the defaults when no spec was found). */
  assumptions: Assumptions;
  specs: SpecCostReport[];
  ioErrors: string[];
  usageErrors: string[];
}

export function runCost(paths: string[], options: ProjectOptions = {}, project = nodeProject(options)): CostResult {
  const specs: SpecCostReport[] = [];
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
        ioErrors.push(loaded.message);
        continue;
      }
      if (loaded.unknownProfile) {
        const known = loaded.profiles.length ? loaded.profiles.join(', ') : 'none defined';
        usageErrors.add(
          `unknown profile "${loaded.unknownProfile}" (${loaded.path ? `profiles in ${shown(loaded.path, file)}: ${known}` : 'no configuration file, so no profiles'})`,
        );
        continue;
      }
      group.push(specCostReport(file, model, loaded, configPath ? shown(configPath, file) : null));
    }
    group.sort((a, b) => comparePaths(a.file, b.file));
    specs.push(...group);
  }
  let fallback = project.config(options.configFile ? path.resolve(options.configFile) : undefined);
  if (fallback instanceof ReadError) fallback = project.config(undefined) as LoadedConfig;
  const assumptions = specs[0]?.assumptions ?? assumptionsOf(fallback.config);
  return { profile: options.profile ?? 'default', assumptions, specs, ioErrors, usageErrors: [...usageErrors] };
}

function shown(abs: string, relativeTo: string): string {
  if (path.isAbsolute(relativeTo)) return abs;
  return path.relative(process.cwd(), abs).split(path.sep).join('/');
}
