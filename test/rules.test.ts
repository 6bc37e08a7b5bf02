/**
 * Every registered rule has a documentation page and ok / not-ok fixtures; ok fixtures are clean, not-ok
 * fixtures report the rule, and their full output matches a golden file (UPDATE_GOLDEN=1 rewrites it).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../server/src/core/index.js';
import { runCheck } from '../server/src/node/check.js';
import { formatText } from '../server/src/cli/format.js';
import { ROOT, expectGolden } from './helpers/golden.js';

const FIXTURES = 'test/fixtures/rules';

describe('rules', () => {
  it('have unique kebab-case ids', () => {
    const ids = RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z]+(-[a-z]+)*$/);
  });

  it('are all listed in the rules README', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'docs/rules/README.md'), 'utf8');
    for (const r of RULES) assert.ok(readme.includes(r.id), `docs/rules/README.md does not list ${r.id}`);
  });

  for (const rule of RULES) {
    describe(rule.id, () => {
      const dir = path.join(FIXTURES, rule.id);

      it('has a documentation page', () => {
        const doc = path.join(ROOT, 'docs/rules', `${rule.id}.md`);
        assert.ok(fs.existsSync(doc), `missing docs/rules/${rule.id}.md`);
        assert.match(fs.readFileSync(doc, 'utf8'), new RegExp(`^# ${rule.id}`, 'm'));
      });

      it('has ok and not-ok fixtures', () => {
        for (const kind of ['ok', 'not-ok']) {
          const d = path.join(ROOT, dir, kind);
          assert.ok(fs.existsSync(d) && fs.readdirSync(d).some((f) => f.endsWith('.spec.md') || f.endsWith('.yaml')), `missing fixture ${dir}/${kind}/`);
        }
      });

      it('reports nothing on its ok fixture', function () {
        if (!fs.existsSync(path.join(ROOT, dir, 'ok'))) this.skip();
        const result = runCheck([path.join(dir, 'ok')]);
        assert.deepEqual(result.ioErrors, []);
        const found = result.files.flatMap((f) => f.diagnostics.map((d) => `${f.file}: ${d.code}: ${d.message}`));
        assert.deepEqual(found, []);
      });

      it('reports itself on its not-ok fixture, as in the golden file', function () {
        if (!fs.existsSync(path.join(ROOT, dir, 'not-ok'))) this.skip();
        const result = runCheck([path.join(dir, 'not-ok')]);
        assert.deepEqual(result.ioErrors, []);
        const codes = result.files.flatMap((f) => f.diagnostics.map((d) => d.code));
        assert.ok(codes.includes(rule.id), `${rule.id} not reported; found ${codes.join(', ') || 'nothing'}`);
        expectGolden(path.join(dir, 'expected.txt'), formatText(result));
      });
    });
  }
});
