/**
 * A real LSP client that sends no settings: headless Neovim (Debian's 0.7.2) starts the bundled server
 * over stdio and must receive exactly the diagnostics the CLI reports for a sample, and a hover.
 * .ci/run installs neovim; locally the test is skipped when nvim is missing (never on CI).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCheck } from '../../server/src/node/check.js';
import { LineIndex } from '../../server/src/core/index.js';
import { ROOT } from '../helpers/golden.js';

const SAMPLE = 'samples/2019-12-draft/ehch.spec.md';

function hasNvim(): boolean {
  return spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;
}

describe('Neovim as a client (headless, over stdio)', function () {
  this.timeout(90000);

  it('receives the sample diagnostics and a hover on a requirement heading', function () {
    if (!hasNvim()) {
      if (process.env.CI) assert.fail('nvim is not installed; .ci/run installs Debian neovim');
      this.skip();
    }
    const check = runCheck([SAMPLE]);
    const file = check.files.find((f) => f.kind === 'spec')!;
    const lines = new LineIndex(file.text);
    const expected = file.diagnostics.map((d) => `${lines.positionAt(d.range.start).line}:${d.code}`).sort();
    assert.ok(expected.length > 0, 'the sample should have findings');
    const headingLine = file.text.split(/\r?\n/).findIndex((l) => /^#{2,4} [A-Z]+-\d+/.test(l));

    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nvim-')), 'result.json');
    const r = spawnSync('nvim', ['--headless', '--clean', '-n', '-c', `luafile ${path.join(ROOT, 'test/neovim/client.lua')}`], {
      cwd: ROOT,
      env: {
        ...process.env,
        SSLS_SERVER: path.join(ROOT, 'dist/server.cjs'),
        SSLS_SPEC: path.join(ROOT, SAMPLE),
        SSLS_OUT: out,
        SSLS_HOVER_LINE: String(headingLine),
        SSLS_EXPECT: String(expected.length),
      },
      encoding: 'utf8',
      timeout: 80000,
    });
    assert.ok(fs.existsSync(out), `nvim wrote no result (status ${r.status}): ${r.stderr}${r.stdout}`);
    const result = JSON.parse(fs.readFileSync(out, 'utf8')) as { diagnostics: { line: number; code: string }[]; hover: string | null };
    const got = result.diagnostics.map((d) => `${d.line}:${d.code}`).sort();
    assert.deepEqual(got, expected);
    assert.ok(result.hover, 'no hover');
    assert.match(result.hover!, /\*\*[A-Z]+-\d+(\.\d+)*\*\*/);
    assert.match(result.hover!, /Deadline/);
  });
});
