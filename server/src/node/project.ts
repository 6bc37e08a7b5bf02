/**
 * The project model (`project/project.ts`) on disk, as the CLI uses it: files read through `nodeHost`,
 * parsed on worker threads when there are enough of them, kept between runs with `--cache`.
 */
import * as fs from 'node:fs';
import { Project, type ProjectOptions } from '../project/project.js';
import { contentHash, type ParseCache } from './cache.js';
import { nodeHost } from './host.js';
import { defaultThreads, parseFiles, PARALLEL_MIN_BYTES, PARALLEL_MIN_FILES } from './parallel.js';

export { Project, type ReviewTarget } from '../project/project.js';

export interface NodeProjectOptions extends Pick<ProjectOptions, 'configFile' | 'profile'> {
  /** Threads for parsing (1: none); default one per core. */
  threads?: number;
  /** Parsed specs kept between runs (`--cache`). */
  cache?: ParseCache;
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

export function nodeProject(options: NodeProjectOptions = {}): Project {
  return new Project(nodeHost, {
    configFile: options.configFile,
    profile: options.profile,
    cache: options.cache,
    hash: contentHash,
    parseMany: (files) => {
      const threads = options.threads ?? defaultThreads();
      let bytes = 0;
      for (const f of files) bytes += fileSize(f);
      if (threads < 2 || files.length < PARALLEL_MIN_FILES || bytes < PARALLEL_MIN_BYTES) return undefined;
      return parseFiles(files, threads);
    },
  });
}
