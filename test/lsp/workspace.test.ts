/**
 * The workspace the server sees is the one `service-spec check` sees: the nearest configuration's folder,
 * else the folder opened, else (no folder open) the file's own folder. Cross-spec references and review
 * sidecars resolve the same way, so the same file gives the same findings through both.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LineIndex } from '../../server/src/core/index.js';
import { runCheck } from '../../server/src/node/check.js';
import { ROOT } from '../helpers/golden.js';
import { inProcess } from '../helpers/lspClient.js';

describe('the server and check agree on a file', function () {
  this.timeout(30_000);
  let dir: string;

  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ssparity-')));
    fs.cpSync(path.join(ROOT, 'samples/2019-12-draft'), dir, { recursive: true });
    // A reference to another spec of the folder that exists, and one that does not.
    const file = path.join(dir, 'ehch.spec.md');
    const text = fs.readFileSync(file, 'utf8');
    assert.ok(text.includes('- **Depends on:** EHCH-1\n'));
    fs.writeFileSync(file, text.replace('- **Depends on:** EHCH-1\n', '- **Depends on:** EHCH-1, smr/SMR-1, smr/SMR-99\n'));
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const folder of ['no folder', 'the folder'] as const) {
    it(`gives the diagnostics of \`check FILE\` (codes and ranges) with ${folder} open`, async () => {
      const file = path.join(dir, 'ehch.spec.md');
      const checked = runCheck([file]).files.find((f) => f.kind === 'spec')!;
      const lines = new LineIndex(checked.text);
      const expected = checked.diagnostics.map((d) => [d.code, lines.positionAt(d.range.start), lines.positionAt(d.range.end)]);
      const codes = new Set(expected.map((e) => e[0]));
      assert.ok(codes.has('dangling-reference') && codes.has('open-objection'), [...codes].join(', '));

      const client = inProcess();
      try {
        await client.initialize(folder === 'no folder' ? null : pathToFileURL(dir).href);
        const uri = pathToFileURL(file).href;
        let last: unknown[] = [];
        const same = (p: { diagnostics: { code?: unknown; range: { start: unknown; end: unknown } }[] }) => {
          last = p.diagnostics.map((d) => [d.code, d.range.start, d.range.end]);
          return JSON.stringify(last) === JSON.stringify(expected);
        };
        // The first publication may come before the folder is read; the one after it must agree.
        const agreed = client.waitForDiagnostics(uri, same, 10_000).catch(() => undefined);
        await client.open(uri, checked.text);
        await agreed;
        assert.deepEqual(last, expected);
      } finally {
        await client.shutdown();
      }
    });
  }
});

describe('workspace folders added later', () => {
  it('reads a folder added after start (workspace/didChangeWorkspaceFolders)', async () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ssfolders-')));
    fs.cpSync(path.join(ROOT, 'samples/2019-12-draft'), dir, { recursive: true });
    const client = inProcess();
    try {
      let indexed!: () => void;
      const done = new Promise<void>((resolve) => (indexed = resolve));
      client.connection.onNotification('$/progress', (p: { value: { kind: string } }) => {
        if (p.value.kind === 'end') indexed();
      });
      await client.initialize(null, { window: { workDoneProgress: true } });
      assert.deepEqual(await client.connection.sendRequest('workspace/symbol', { query: 'SMR-1' }), []);
      await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
        event: { added: [{ uri: pathToFileURL(dir).href, name: 'specs' }], removed: [] },
      });
      await done;
      const symbols = (await client.connection.sendRequest('workspace/symbol', { query: 'SMR-1:' })) as { name: string; location: { uri: string } }[];
      assert.deepEqual(
        symbols.filter((s) => s.name.startsWith('SMR-1:')).map((s) => [s.name.split(':')[0], s.location.uri]),
        [['SMR-1', pathToFileURL(path.join(dir, 'smr.spec.md')).href]],
      );
    } finally {
      await client.shutdown();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
