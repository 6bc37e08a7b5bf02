/**
 * `check` on a repository of specs: parsing on several threads gives exactly the sequential result, and
 * `--cache` reuses work only when nothing it depends on changed (never a stale finding).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../helpers/cli.js';
import { generateWorkspace } from '../helpers/specs.js';
import { ParseCache } from '../../server/src/node/cache.js';
import { runCheck } from '../../server/src/node/check.js';
import { parseFiles } from '../../server/src/node/parallel.js';
import { parseSpec } from '../../server/src/core/index.js';

describe('check at scale: threads and --cache', function () {
  this.timeout(120_000);
  let dir: string;
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssscale-'));
    // 40 specs of ~10 KB: above the thresholds for threads (8 files, 256 KiB).
    for (const f of generateWorkspace(40)) write(f.file, f.text);
    write(
      'group-1/ws-1.review.yaml',
      [
        'spec: ws-1.spec.md',
        'reviewer: An LMC',
        'notes:',
        '  - id: n1',
        '    requirement: W1-3',
        '    quote: records the outcome',
        '    stance: object',
        '    status: open',
        '',
      ].join('\n'),
    );
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('parses on several threads exactly as on one', () => {
    const files = fs
      .readdirSync(path.join(dir, 'group-1'))
      .filter((f) => f.endsWith('.spec.md'))
      .map((f) => path.join(dir, 'group-1', f));
    files.push(path.join(dir, 'missing.spec.md'));
    const parallel = parseFiles(files, 3);
    assert.equal(parallel.length, files.length);
    files.forEach((f, i) => {
      if (i === files.length - 1) assert.match((parallel[i] as Error).message, /no such file/);
      else assert.deepEqual(parallel[i], parseSpec(fs.readFileSync(f, 'utf8')), f);
    });
    const one = run(['check', '--threads', '1', '--format', 'json', '.'], dir);
    const many = run(['check', '--threads', '4', '--format', 'json', '.'], dir);
    assert.equal(many.code, one.code);
    assert.equal(many.stdout, one.stdout);
    assert.ok(JSON.parse(one.stdout).files.length === 41);
    assert.equal(run(['check', '--threads', '0', '.'], dir).code, 2);
  });

  it('--cache: an unchanged re-run reuses every finding; the output is the same', () => {
    const plain = run(['check', '--format', 'json', '.'], dir);
    const first = run(['check', '--cache', '--format', 'json', '.'], dir);
    assert.equal(first.stdout, plain.stdout);
    assert.ok(fs.existsSync(path.join(dir, '.service-spec-cache')));
    const again = run(['check', '--cache', '--format', 'json', '.'], dir);
    assert.equal(again.stdout, plain.stdout);
    assert.equal(again.code, plain.code);
    const cache = new ParseCache(path.join(dir, '.service-spec-cache'));
    runCheck([dir], { cache });
    assert.equal(cache.resultHits, 41);
    assert.equal(cache.hits + cache.misses, 0, 'no model should be needed');
  });

  it('--cache never reports a stale finding: other specs, sidecars and the configuration count', () => {
    const cacheFile = path.join(dir, 'sub', 'my.cache');
    const check = () => run(['check', '--cache-location', cacheFile, '--format', 'json', '.'], dir);
    const fresh = () => run(['check', '--format', 'json', '.'], dir);
    check();
    // Renumber the requirement ws-40 depends on (ws-1/W1-2): ws-40's reference now dangles.
    const ws1 = path.join(dir, 'group-1/ws-1.spec.md');
    fs.writeFileSync(ws1, fs.readFileSync(ws1, 'utf8').replace('### W1-2:', '### W1-99:'));
    let r = check();
    assert.equal(r.stdout, fresh().stdout);
    assert.ok(r.stdout.includes('W1-2'), 'the dangling reference to W1-2 is not reported');
    // Resolve the sidecar's objection: open-objection on ws-1 goes away.
    const sidecar = path.join(dir, 'group-1/ws-1.review.yaml');
    const before = JSON.parse(check().stdout).files.find((f: { file: string }) => f.file.endsWith('ws-1.spec.md'));
    assert.ok(before.diagnostics.some((d: { code: string }) => d.code === 'open-objection'));
    fs.writeFileSync(sidecar, fs.readFileSync(sidecar, 'utf8').replace('status: open', 'status: resolved'));
    r = check();
    assert.equal(r.stdout, fresh().stdout);
    const after = JSON.parse(r.stdout).files.find((f: { file: string }) => f.file.endsWith('ws-1.spec.md'));
    assert.ok(!after.diagnostics.some((d: { code: string }) => d.code === 'open-objection'));
    // A configuration turning a rule off.
    fs.writeFileSync(path.join(dir, 'service-spec.config.yaml'), 'rules:\n  missing-funding:\n    severity: "off"\n');
    r = check();
    assert.equal(r.stdout, fresh().stdout);
    assert.ok(!r.stdout.includes('missing-funding'));
  });

  it('--cache ignores a corrupt or foreign cache file and rewrites it', () => {
    const cacheFile = path.join(dir, '.service-spec-cache');
    const plain = run(['check', '.'], dir);
    for (const junk of [Buffer.from('not a cache'), Buffer.alloc(0), Buffer.from([0xff, 0x0d, 0x6f, 0x22])]) {
      fs.writeFileSync(cacheFile, junk);
      const r = run(['check', '--cache', '.'], dir);
      assert.equal(r.stdout, plain.stdout);
      assert.equal(r.stderr, plain.stderr);
      assert.ok(fs.statSync(cacheFile).size > 1000, 'the cache was not rewritten');
    }
    // The parsed specs live beside the findings; junk there costs a parse, never a wrong result.
    const spec = path.join(dir, 'group-1/ws-2.spec.md');
    fs.writeFileSync(spec, fs.readFileSync(spec, 'utf8').replace('cohort 3 ', 'cohort three '));
    fs.writeFileSync(`${cacheFile}.models`, Buffer.from('junk'));
    const r = run(['check', '--cache', '.'], dir);
    assert.equal(r.stdout, run(['check', '.'], dir).stdout);
    assert.ok(fs.statSync(`${cacheFile}.models`).size > 100_000, 'the models were not rewritten');
  });

  it('--cache-location in a folder that cannot be written: says so on stderr, still checks', () => {
    fs.writeFileSync(path.join(dir, 'file'), '');
    const r = run(['check', '--cache-location', path.join(dir, 'file', 'cache'), '.'], dir);
    assert.match(r.stderr, /cannot write cache/);
    assert.equal(r.stdout, run(['check', '.'], dir).stdout);
  });
});
