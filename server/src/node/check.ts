/** `service-spec check`: the files to check, in the documented order, each with its diagnostics. */
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { checkConfigFile, checkReviewFile, checkSpec } from '../core/analyze.js';
import type { SpecDiagnostic } from '../core/diagnostics.js';
import { ReadError, comparePaths, expandPaths, isReviewFile, SPEC_SUFFIX, REVIEW_SUFFIX, findSpecs } from './files.js';
import { defaultConfig } from '../core/config.js';
import { nodeProject, type NodeProjectOptions as ProjectOptions, type Project } from './project.js';

export interface CheckedFile {
  /** The path as given or found (relative paths stay relative). */
  file: string;
  kind: 'spec' | 'config' | 'review';
  /** The text the diagnostics' offsets refer to (BOM removed). */
  text: string;
  diagnostics: SpecDiagnostic[];
}

export interface CheckResult {
  files: CheckedFile[];
  /** One-line I/O problems, each naming its file (exit status 2). */
  ioErrors: string[];
  /** A usage problem found while checking (unknown profile): exit status 2. */
  usageErrors: string[];
}

export function runCheck(paths: string[], options: ProjectOptions = {}, project = nodeProject(options)): CheckResult {
  const { groups, errors } = expandPaths(paths, [SPEC_SUFFIX, REVIEW_SUFFIX]);
  const result: CheckResult = { files: [], ioErrors: errors, usageErrors: [] };
  const reportedConfigs = new Set<string>();
  const badProfiles = new Set<string>();
  const cache = options.cache;
  // With --cache, findings of a file whose content and whose workspace are unchanged are reused.
  const digests = new Map<string, string>();
  const cacheKey = (abs: string, root: string, configPath: string | undefined): string => {
    const k = `${root}\0${configPath ?? ''}`;
    let digest = digests.get(k);
    if (!digest) {
      const h = createHash('sha256');
      for (const f of findSpecs(root, [SPEC_SUFFIX, REVIEW_SUFFIX]).sort()) h.update(`${f}\0${project.hashOf(f)}\0`);
      h.update(`config\0${configPath ? `${configPath}\0${project.hashOf(configPath)}` : 'defaults'}\0profile\0${options.profile ?? ''}`);
      digests.set(k, (digest = h.digest('base64url')));
    }
    return `${project.hashOf(abs)}|${digest}`;
  };
  const cached = new Map<string, { key: string; diagnostics?: SpecDiagnostic[] }>();
  // Parse every spec this run will read (those named, and those of their workspaces) up front, in parallel.
  const toParse: string[] = [];
  const roots = new Set<string>();
  for (const { arg, isDirectory, files } of groups) {
    for (const file of files) {
      const abs = path.resolve(file);
      const { configPath, root } = placeOf(abs, isDirectory ? arg : path.dirname(arg), project);
      if (cache) {
        const key = cacheKey(abs, root, configPath);
        const diagnostics = cache.result(abs, key);
        cached.set(abs, { key, diagnostics });
        if (diagnostics) continue;
      }
      if (!isReviewFile(file)) toParse.push(abs);
      roots.add(root);
    }
  }
  for (const root of roots) toParse.push(...findSpecs(root));
  project.preload(toParse);
  for (const { arg, isDirectory, files } of groups) {
    const group: CheckedFile[] = [];
    for (const file of files) {
      const abs = path.resolve(file);
      const hit = cached.get(abs);
      if (isReviewFile(file)) {
        if (hit?.diagnostics) {
          group.push({ file, kind: 'review', text: project.text(abs), diagnostics: hit.diagnostics });
          continue;
        }
        const checked = checkReview(file, abs, placeOf(abs, isDirectory ? arg : path.dirname(arg), project), project, result);
        if (checked) group.push(checked);
        if (checked && hit) cache?.setResult(abs, hit.key, checked.diagnostics);
        continue;
      }
      const model = hit?.diagnostics ? undefined : project.spec(abs);
      if (model instanceof ReadError) {
        result.ioErrors.push(model.message.replace(abs, file));
        continue;
      }
      const { configPath, root } = placeOf(abs, isDirectory ? arg : path.dirname(arg), project);
      const loaded = project.config(configPath);
      if (loaded instanceof ReadError) {
        if (!reportedConfigs.has(loaded.file)) {
          reportedConfigs.add(loaded.file);
          result.ioErrors.push(loaded.message);
        }
        continue;
      }
      if (loaded.unknownProfile && !badProfiles.has(loaded.path ?? '')) {
        badProfiles.add(loaded.path ?? '');
        const known = loaded.profiles.length ? loaded.profiles.join(', ') : 'none defined';
        result.usageErrors.push(
          `unknown profile "${loaded.unknownProfile}" (${loaded.path ? `profiles in ${displayPath(loaded.path, file)}: ${known}` : 'no configuration file, so no profiles'})`,
        );
      }
      if (configPath && !reportedConfigs.has(configPath)) {
        reportedConfigs.add(configPath);
        const diagnostics = checkConfigFile(loaded);
        // Read (and its BOM dropped) when it was loaded: this cannot fail now.
        if (diagnostics.length) group.push({ file: displayPath(configPath, file), kind: 'config', text: project.text(configPath), diagnostics });
      }
      if (hit?.diagnostics) {
        group.push({ file, kind: 'spec', text: project.text(abs), diagnostics: hit.diagnostics });
        continue;
      }
      const diagnostics = checkSpec(model!, {
        config: loaded,
        workspace: project.workspace(root),
        dir: path.dirname(abs),
        reviews: project.reviewsFor(abs, root),
      });
      if (hit) cache?.setResult(abs, hit.key, diagnostics);
      group.push({ file, kind: 'spec', text: model!.text, diagnostics });
    }
    group.sort((a, b) => comparePaths(a.file, b.file));
    result.files.push(...group);
  }
  return result;
}

/**
 * The configuration file that applies to a file, and the workspace folder its cross-file findings come from
 * (the nearest configuration file's folder, else the folder checked; `--config` changes only the former).
 */
function placeOf(abs: string, argRoot: string, project: Project): { configPath: string | undefined; root: string } {
  return { configPath: project.configPathFor(abs), root: project.rootFor(abs, argRoot) };
}

function checkReview(
  file: string,
  abs: string,
  { configPath, root }: { configPath: string | undefined; root: string },
  project: Project,
  result: CheckResult,
): CheckedFile | undefined {
  const review = project.review(abs);
  if (review instanceof ReadError) {
    result.ioErrors.push(review.message.replace(abs, file));
    return undefined;
  }
  const loaded = project.config(configPath);
  const target = project.reviewTarget(abs, review, root);
  const model = target.specAbs ? project.spec(target.specAbs) : undefined;
  const spec = model && !(model instanceof ReadError) ? model : undefined;
  // An unreadable configuration is reported with the specs; a sidecar is checked under the defaults then.
  const config = loaded instanceof ReadError ? defaultConfig() : loaded;
  const diagnostics = checkReviewFile(review, spec, target.problem, { config });
  return { file, kind: 'review', text: review.text, diagnostics };
}

/** Shows a found file relative when the spec it was found for was given relative. */
function displayPath(abs: string, relativeTo: string): string {
  if (path.isAbsolute(relativeTo)) return abs;
  const rel = path.relative(process.cwd(), abs);
  return rel.split(path.sep).join('/');
}
