/** Architecture invariant: the core imports neither the editor nor LSP nor the file system. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './helpers/golden.js';

const FORBIDDEN =
  /from\s+['"](vscode|vscode-languageserver[^'"]*|vscode-languageclient[^'"]*|node:fs|fs|node:child_process|child_process)['"]|require\(['"](vscode|fs|node:fs)/;

function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

describe('architecture', () => {
  it('keeps server/src/core free of vscode, LSP and file-system imports', () => {
    const core = files(path.join(ROOT, 'server/src/core'));
    assert.ok(core.length > 10);
    const offenders = core.filter((f) => FORBIDDEN.test(fs.readFileSync(f, 'utf8'))).map((f) => path.relative(ROOT, f));
    assert.deepEqual(offenders, []);
  });

  it('keeps the client free of analysis code', () => {
    const client = files(path.join(ROOT, 'client/src'));
    const offenders = client.filter((f) => /server\/src/.test(fs.readFileSync(f, 'utf8')));
    assert.deepEqual(offenders, []);
  });

  it('touches LSP types in server/src/lsp, server.ts and main.ts only', () => {
    const all = files(path.join(ROOT, 'server/src'));
    const lsp = all
      .filter((f) => /from\s+['"]vscode-languageserver/.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(ROOT, f))
      .sort();
    assert.deepEqual(
      lsp.filter((f) => !/^server\/src\/(lsp\/|server\.ts|main\.ts)/.test(f)),
      [],
    );
  });
});
