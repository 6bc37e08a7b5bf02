/**
 * The reviewer page as built: dist/web/ holds the page and its assets only, under 2 MB, with a strict
 * policy in the page and nothing inline; the page's sources make elements only through text (no HTML from
 * strings, no evaluated code) and type-check against the DOM; a Node built-in in the bundle fails the build.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { parse } from 'parse5';
import { ROOT } from '../helpers/golden.js';

const WEB = path.join(ROOT, 'dist/web');

type Node5 = { nodeName: string; tagName?: string; attrs?: { name: string; value: string }[]; childNodes?: Node5[]; content?: Node5 };

function* elements(n: Node5): Generator<Node5> {
  if (n.tagName) yield n;
  for (const c of n.childNodes ?? []) yield* elements(c);
  if (n.content) yield* elements(n.content);
}

const attr = (n: Node5, name: string) => n.attrs?.find((a) => a.name === name)?.value;

describe('reviewer web page: the build', () => {
  before(() => {
    if (!fs.existsSync(path.join(WEB, 'index.html'))) throw new Error('dist/web/index.html is missing: run npm run build first');
  });

  it('dist/web holds the page and its assets, under 2 MB in all', () => {
    const files = fs.readdirSync(WEB).sort();
    assert.deepEqual(files, ['app.css', 'app.js', 'favicon.svg', 'index.html']);
    const total = files.reduce((n, f) => n + fs.statSync(path.join(WEB, f)).size, 0);
    assert.ok(total < 2 * 1024 * 1024, `page weight ${total} bytes`);
  });

  it('index.html: a strict policy, no inline script or style, nothing from another origin', () => {
    const doc = parse(fs.readFileSync(path.join(WEB, 'index.html'), 'utf8')) as unknown as Node5;
    const all = [...elements(doc)];
    const csp = all.find((e) => e.tagName === 'meta' && attr(e, 'http-equiv')?.toLowerCase() === 'content-security-policy');
    assert.ok(csp, 'a Content-Security-Policy meta tag');
    const policy = new Map(
      attr(csp, 'content')!
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k!, v.join(' ')]),
    );
    assert.equal(policy.get('default-src'), "'self'");
    assert.equal(policy.get('script-src'), "'self'");
    assert.equal(policy.get('style-src'), "'self'");
    assert.equal(policy.get('connect-src'), "'none'");
    assert.equal(policy.get('require-trusted-types-for'), "'script'");
    for (const e of all) {
      assert.equal(attr(e, 'style'), undefined, `inline style on <${e.tagName}>`);
      assert.ok(!e.attrs?.some((a) => a.name.startsWith('on')), `event handler attribute on <${e.tagName}>`);
      if (e.tagName === 'script') assert.ok(attr(e, 'src'), 'every script has a src');
      assert.notEqual(e.tagName, 'style', 'no <style> element');
      for (const name of ['src', 'href']) {
        const v = attr(e, name);
        if (v !== undefined) assert.match(v, /^(#|[a-z][a-z0-9.-]*\.(js|css|svg))/, `${name}="${v}" names a file of the folder`);
      }
    }
  });

  it('the page’s sources never turn a string into HTML or code', () => {
    const dir = path.join(ROOT, 'web/src');
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      const src = fs.readFileSync(path.join(dir, f), 'utf8');
      for (const banned of [
        /\.innerHTML\b/,
        /\.outerHTML\b/,
        /insertAdjacentHTML/,
        /document\.write/,
        /\beval\(/,
        /new Function\b/,
        /createContextualFragment/,
      ])
        assert.doesNotMatch(src, banned, `${f}: ${banned}`);
    }
    assert.doesNotMatch(fs.readFileSync(path.join(WEB, 'app.js'), 'utf8'), /\.innerHTML\s*=|insertAdjacentHTML|document\.write\(/);
  });

  it('the page’s sources type-check against the DOM', function () {
    this.timeout(120_000);
    const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'web/tsconfig.json'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });

  it('a Node built-in other than path fails the bundle, naming the importer', async () => {
    const { browserOnly } = await import(path.join(ROOT, 'scripts/build-web.mjs'));
    const entry = path.join(ROOT, 'web/src/__probe__.ts');
    await assert.rejects(
      esbuild.build({
        stdin: {
          contents: "import { readFileSync } from 'node:fs'; console.log(readFileSync);",
          resolveDir: path.dirname(entry),
          sourcefile: entry,
          loader: 'ts',
        },
        bundle: true,
        write: false,
        platform: 'browser',
        logLevel: 'silent',
        plugins: [browserOnly],
      }),
      /node:fs is a Node built-in: the web page cannot use it \(imported by web\/src\/__probe__\.ts\)/,
    );
  });
});
