/**
 * Where the package is installed: the docs pages linked from diagnostics live there. Works from the
 * esbuild bundles (dist/*.cjs, where esbuild defines `import.meta.url` from __filename) and from the
 * tsc output used by tests (out/server/src/node/*.js).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

let cached: string | undefined;

export function packageRoot(): string {
  if (cached) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (true) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        if (JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'service-spec-tools') return (cached = dir);
      } catch {
        /* keep walking */
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return (cached = process.cwd());
    dir = parent;
  }
}

/** `file:` URL of the rule docs folder, ending in `/`; a rule's page is `${base}${id}.md`. */
export function docsBaseUrl(): string {
  return pathToFileURL(path.join(packageRoot(), 'docs', 'rules') + path.sep).href;
}

export function packageVersion(): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')).version as string;
  } catch {
    return '0.0.0';
  }
}

/** A rule's documentation page (docs/rules/<id>.md, shipped with the package), or undefined when it is not there. */
export function ruleDoc(id: string): string | undefined {
  if (!/^[a-z]+(-[a-z]+)*$/.test(id)) return undefined;
  try {
    return fs.readFileSync(path.join(packageRoot(), 'docs', 'rules', `${id}.md`), 'utf8');
  } catch {
    return undefined;
  }
}
