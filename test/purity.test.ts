/**
 * Architecture invariants: the core and the language service import neither the editor nor LSP nor the file
 * system; only server/src/lsp and main.ts speak LSP; the client takes nothing from the server but the protocol.
 */
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

  it('keeps the client free of analysis code: from the server it imports the protocol module only', () => {
    const client = files(path.join(ROOT, 'client/src'));
    const imports = client.flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/from\s+['"]([^'"]*server\/src[^'"]*)['"]/g)].map((m) => m[1]!));
    assert.ok(imports.length > 0, 'the client imports the typed requests');
    assert.deepEqual([...new Set(imports)], ['../../server/src/lsp/protocol.js']);
    const offenders = client.filter((f) =>
      /server\/src/.test(fs.readFileSync(f, 'utf8').replace(/from\s+['"]\.\.\/\.\.\/server\/src\/lsp\/protocol\.js['"]/g, '')),
    );
    assert.deepEqual(offenders, []);
    // The protocol module carries types and request-type objects only: nothing of the server comes with it.
    const protocol = fs.readFileSync(path.join(ROOT, 'server/src/lsp/protocol.ts'), 'utf8');
    assert.deepEqual(
      [...protocol.matchAll(/from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]),
      ['vscode-languageserver-protocol'],
    );
  });

  it('touches LSP types in server/src/lsp and main.ts only; the language service knows no editor or LSP', () => {
    const all = files(path.join(ROOT, 'server/src'));
    const lsp = all
      .filter((f) => /from\s+['"]vscode-languageserver|from\s+['"]vscode-uri/.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(ROOT, f))
      .sort();
    assert.ok(lsp.length > 5);
    assert.deepEqual(
      lsp.filter((f) => !/^server\/src\/(lsp\/|main\.ts$)/.test(f)),
      [],
    );
    const service = files(path.join(ROOT, 'server/src/service'));
    assert.ok(service.length > 5);
    const offenders = service.filter((f) => FORBIDDEN.test(fs.readFileSync(f, 'utf8'))).map((f) => path.relative(ROOT, f));
    assert.deepEqual(offenders, []);
  });
});
