/** The TextMate grammar, checked with vscode-tmgrammar-test against the annotated files in grammar/tests. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { ROOT } from './helpers/golden.js';

describe('TextMate grammar', () => {
  it('gives requirement ids, fields, values and workload keys their scopes', () => {
    const bin = path.join(ROOT, 'node_modules/vscode-tmgrammar-test/dist/unit.js');
    const r = spawnSync(process.execPath, [bin, '-g', 'grammar/service-spec.tmLanguage.json', 'grammar/tests/*.test.spec.md'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout + r.stderr, /requirement\.test\.spec\.md run successful/);
  });
});
