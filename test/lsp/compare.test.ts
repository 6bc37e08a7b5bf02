/** Comparing versions in the editor: lenses for what changed since the superseded version, and the compare request. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { inProcess, type TestClient } from '../helpers/lspClient.js';
import { ROOT } from '../helpers/golden.js';

describe('comparing versions in the language server', () => {
  let client: TestClient;
  const finalPath = path.join(ROOT, 'samples/2020-03-final/ehch.spec.md');
  const draftPath = path.join(ROOT, 'samples/2019-12-draft/ehch.spec.md');
  const uri = pathToFileURL(finalPath).href;

  beforeEach(async () => {
    client = inProcess();
    // Wait for the background index (its work-done progress ends once every spec is read).
    let indexed!: () => void;
    const ready = new Promise<void>((resolve) => (indexed = resolve));
    client.connection.onNotification('$/progress', (p: { value: { kind: string } }) => {
      if (p.value.kind === 'end') indexed();
    });
    await client.initialize(pathToFileURL(path.join(ROOT, 'samples')).href, { window: { workDoneProgress: true } });
    const opened = client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'open-objection'));
    await client.open(uri, fs.readFileSync(finalPath, 'utf8'));
    await opened;
    await ready;
  });

  afterEach(() => client.shutdown());

  it('puts a lens on each requirement changed since the version it supersedes', async () => {
    const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as { command: { title: string } }[];
    const since = lenses.map((l) => l.command.title).filter((t) => t.includes('since 2019-12-draft'));
    assert.ok(
      since.some((t) => /^modified since 2019-12-draft: .*Deadline 2020-09-01 → 2020-10-01 \(30 days later\)/.test(t)),
      since.join('\n'),
    );
    assert.ok(since.some((t) => t.includes('Funding +care-home-premium, +arrs, −none')));
  });

  it('renders the comparison with another file, escaped, with cards that reveal requirements', async () => {
    const reply = (await client.connection.sendRequest('serviceSpec/compare', { uri, otherUri: pathToFileURL(draftPath).href })) as { html: string };
    assert.match(reply.html, /ehch: 2019-12-draft → 2020-03-final/);
    assert.match(reply.html, /<b>−£3,584<\/b> a year per practice/);
    assert.match(reply.html, /class="card change-removed"><h3><span class="id">EHCH-7<\/span>/);
    assert.match(reply.html, /class="card change-modified" data-offset="\d+"/);
    assert.match(reply.html, /<del>[^<]+<\/del>/);
    assert.ok(!/<script/i.test(reply.html));
  });
});
