// Builds the reviewer web page into dist/web/: index.html, app.css, favicon.svg and one ES module app.js
// bundling web/src/main.ts with the pure core (parse, rules, estimator, review, diff, ledger), the Word
// import (server/src/word) and the Word output (server/src/docx). Everything is served from that folder;
// nothing is fetched from elsewhere. The core's one Node import, `node:path` (server/src/project), is
// mapped to web/src/path.ts; any other Node built-in fails the build, naming the importer. The page enforces
// Trusted Types (no HTML from strings anywhere), so decode-named-character-reference, whose browser build
// decodes entities through `innerHTML`, is taken in its table-based build instead.
// Run by scripts/build.mjs (so `npm ci` and `npm run build` write dist/web/); alone: node scripts/build-web.mjs
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STATIC = ['index.html', 'app.css', 'favicon.svg'];

export const browserOnly = {
  name: 'browser-only',
  setup(build) {
    build.onResolve({ filter: /^(node:)?path$/ }, () => ({ path: path.join(ROOT, 'web/src/path.ts') }));
    const entities = fileURLToPath(import.meta.resolve('decode-named-character-reference'));
    build.onResolve({ filter: /^decode-named-character-reference$/ }, () => ({ path: entities }));
    build.onResolve({ filter: /^node:/ }, (args) => ({
      errors: [{ text: `${args.path} is a Node built-in: the web page cannot use it (imported by ${path.relative(ROOT, args.importer)})` }],
    }));
  },
};

/**
 * Writes dist/web/ (or `out`). The page is built beside it and put in place at the end, so a server or a test
 * reading the folder meanwhile sees the old page or the new one, never half of one. Returns the files.
 */
export async function buildWeb({ out = path.join(ROOT, 'dist/web') } = {}) {
  const tmp = `${out}.${process.pid}.tmp`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  try {
    await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: ['web/src/main.ts'],
      outfile: path.join(tmp, 'app.js'),
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: ['chrome109', 'firefox115', 'safari16'],
      minify: true,
      legalComments: 'none',
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'warning',
      plugins: [browserOnly],
    });
    for (const f of STATIC) fs.copyFileSync(path.join(ROOT, 'web', f), path.join(tmp, f));
    const old = `${out}.${process.pid}.old`;
    if (fs.existsSync(out)) fs.renameSync(out, old);
    fs.renameSync(tmp, out);
    fs.rmSync(old, { recursive: true, force: true });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return fs.readdirSync(out).sort();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildWeb();
