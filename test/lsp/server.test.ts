/** The language server in-process over streams: initialize, open, incremental change, diagnostics, hover. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { inProcess, type TestClient } from '../helpers/lspClient.js';
import { joinLines } from '../helpers/golden.js';

const SPEC = joinLines(
  '---',
  'id: ehch',
  'title: Enhanced Health in Care Homes',
  'version: 2019-12-draft',
  'status: draft',
  'published: 2019-12-23',
  'consultation-closes: 2020-01-15',
  '---',
  '# EHCH',
  '',
  '### EHCH-3: GP-led home round',
  'A GP leads the round.',
  '',
  '- **Deadline:** 2020-09-30',
  '- **Funding:** care-home-premium, arrs',
  '- **Deliverability:** red: most PCNs have no spare GP sessions',
  '',
);

describe('language server (in-process)', () => {
  let dir: string;
  let client: TestClient;
  let uri: string;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssls-'));
    uri = pathToFileURL(path.join(dir, 'ehch.spec.md')).href;
    client = inProcess();
    const result = (await client.initialize(pathToFileURL(dir).href)) as { capabilities: { textDocumentSync: { change: number }; hoverProvider: boolean } };
    assert.equal(result.capabilities.textDocumentSync.change, 2, 'incremental sync');
    assert.equal(result.capabilities.hoverProvider, true);
  });

  afterEach(async () => {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('publishes diagnostics on open and after an incremental change', async () => {
    const opened = client.waitForDiagnostics(uri, (p) => p.version === 1);
    await client.open(uri, SPEC);
    assert.deepEqual((await opened).diagnostics, []);

    // Replace "care-home-premium" with "care-home-premum" (delete one character).
    const line = SPEC.split('\n').findIndex((l) => l.includes('**Funding:**'));
    const col = SPEC.split('\n')[line]!.indexOf('premium') + 'premi'.length;
    const changed = client.waitForDiagnostics(uri, (p) => p.version === 2);
    await client.change(uri, 2, [{ range: { start: { line, character: col }, end: { line, character: col + 1 } }, text: '' }]);
    const d = (await changed).diagnostics;
    assert.equal(d.length, 1);
    assert.equal(d[0]!.code, 'unknown-funding-source');
    assert.equal(d[0]!.source, 'service-spec');
    assert.equal(d[0]!.severity, 1);
    assert.match(String(d[0]!.message), /did you mean "care-home-premium"/);
    assert.deepEqual(d[0]!.range, { start: { line, character: 15 }, end: { line, character: 31 } });
    assert.equal(d[0]!.codeDescription, undefined, 'a client that does not show rule links gets none');
  });

  it('links a finding to its rule page when the client shows rule links (codeDescriptionSupport)', async () => {
    await client.shutdown();
    client = inProcess();
    await client.initialize(pathToFileURL(dir).href, { textDocument: { publishDiagnostics: { codeDescriptionSupport: true } } });
    const opened = client.waitForDiagnostics(uri);
    await client.open(uri, SPEC.replace('care-home-premium', 'care-home-premum'));
    const d = (await opened).diagnostics;
    assert.deepEqual(
      d.map((x) => x.code),
      ['unknown-funding-source'],
    );
    const href = d[0]!.codeDescription!.href;
    assert.match(href, /^file:\/\/.*\/docs\/rules\/unknown-funding-source\.md$/);
    assert.ok(fs.existsSync(fileURLToPath(href)), `${href} is not a page shipped with the server`);
  });

  it('shows a requirement summary on hover over its heading', async () => {
    const opened = client.waitForDiagnostics(uri);
    await client.open(uri, SPEC);
    await opened;
    const line = SPEC.split('\n').findIndex((l) => l.startsWith('### EHCH-3'));
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: 6 } })) as {
      contents: { kind: string; value: string };
    };
    assert.equal(hover.contents.kind, 'markdown');
    assert.match(hover.contents.value, /\*\*EHCH-3\*\* · GP-led home round/);
    assert.match(hover.contents.value, /Deadline:\*\* 2020-09-30 \(259 days after consultation closes\)/);
    assert.match(hover.contents.value, /Care Home Premium \(`care-home-premium`\)/);
    assert.match(hover.contents.value, /Deliverability:\*\* \*\*red\*\*: most PCNs/);
    const none = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: line + 1, character: 2 } });
    assert.equal(none, null);
  });

  it('re-checks open specs when the configuration file changes', async () => {
    const opened = client.waitForDiagnostics(uri);
    await client.open(uri, SPEC);
    assert.deepEqual((await opened).diagnostics, []);
    const configPath = path.join(dir, 'service-spec.config.yaml');
    fs.writeFileSync(configPath, 'funding:\n  sources:\n    care-home-premium: null\n');
    const rechecked = client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(configPath).href, type: 1 }] });
    const d = (await rechecked).diagnostics;
    assert.deepEqual(
      d.map((x) => x.code),
      ['unknown-funding-source'],
    );
  });

  it('reports invalid-config on the configuration file and falls back to defaults', async () => {
    const configPath = path.join(dir, 'service-spec.config.yaml');
    fs.writeFileSync(configPath, 'estimator:\n  population: lots\n');
    const configUri = pathToFileURL(configPath).href;
    const onConfig = client.waitForDiagnostics(configUri);
    const onSpec = client.waitForDiagnostics(uri);
    await client.open(uri, SPEC);
    const c = await onConfig;
    assert.equal(c.diagnostics[0]!.code, 'invalid-config');
    assert.deepEqual(c.diagnostics[0]!.range, { start: { line: 1, character: 14 }, end: { line: 1, character: 18 } });
    assert.deepEqual((await onSpec).diagnostics, []);
  });

  it('applies severity overrides pulled with workspace/configuration', async () => {
    await client.shutdown();
    client = inProcess();
    client.configuration = { rules: { 'unknown-funding-source': 'off' } };
    await client.initialize(pathToFileURL(dir).href, { workspace: { configuration: true } });
    const opened = client.waitForDiagnostics(uri);
    await client.open(uri, SPEC.replace('care-home-premium', 'nonsense'));
    assert.deepEqual((await opened).diagnostics, []);
  });

  it('applies the minimum lead time from settings', async () => {
    await client.shutdown();
    client = inProcess();
    client.configuration = { minimumLeadTimeDays: 300 };
    await client.initialize(pathToFileURL(dir).href, { workspace: { configuration: true } });
    const opened = client.waitForDiagnostics(uri);
    await client.open(uri, SPEC);
    const d = (await opened).diagnostics;
    assert.deepEqual(
      d.map((x) => x.code),
      ['short-lead-time'],
    );
    assert.match(String(d[0]!.message), /259 days after consultation closes \(2020-01-15\); expected at least 300 days/);
  });

  it('keeps serving after hostile input', async () => {
    const opened = client.waitForDiagnostics(uri);
    await client.open(uri, '---\n&a [*a, *a, *a]\n' + '```workload\n'.repeat(50) + '\0\uD800');
    const d = (await opened).diagnostics;
    assert.ok(d.some((x) => x.code === 'invalid-front-matter'));
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    assert.equal(hover, null);
  });
});
