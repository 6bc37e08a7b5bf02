/**
 * The import core is pure and runs in a browser: server/src/word imports no Node built-in and no file
 * system, and esbuild bundles it for the browser platform (where a Node built-in would fail to resolve).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { ROOT } from '../helpers/golden.js';

const DIR = path.join(ROOT, 'server/src/word');

describe('word import: a pure core that runs in browsers', () => {
  it('imports no Node built-in (node:*, fs, path, …) anywhere in server/src/word, nor the node/ or cli/ layers', () => {
    const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.ts'));
    assert.ok(files.length >= 10);
    const offenders: string[] = [];
    for (const f of files) {
      for (const m of fs.readFileSync(path.join(DIR, f), 'utf8').matchAll(/from\s+['"]([^'"]+)['"]/g)) {
        const spec = m[1]!;
        if (/^node:|^(fs|path|os|child_process|worker_threads|stream|buffer|zlib|url|util)$/.test(spec) || /\/(node|cli|lsp)\//.test(spec))
          offenders.push(`${f}: ${spec}`);
      }
    }
    assert.deepEqual(offenders, []);
  });

  it('bundles for the browser platform with esbuild', async function () {
    this.timeout(60_000);
    const result = await esbuild.build({
      entryPoints: [path.join(DIR, 'index.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    assert.deepEqual(result.errors, []);
    const code = result.outputFiles[0]!.text;
    assert.ok(code.includes('importDocx'));
    assert.doesNotMatch(code, /require\(["']node:|from ["']node:/);
  });
});
