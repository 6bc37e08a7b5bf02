/** Comparing versions in the editor: lenses for what changed since the superseded version, and the compare request. */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
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

describe('comparing with a git revision', function () {
  this.timeout(30_000);
  let dir: string;
  let client: TestClient;
  let uri: string;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

  beforeEach(async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ssgit-')));
    const draft = fs.readFileSync(path.join(ROOT, 'samples/2019-12-draft/ehch.spec.md'), 'utf8');
    fs.writeFileSync(path.join(dir, 'ehch.spec.md'), draft);
    git('init', '-q');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'add', 'ehch.spec.md');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-q', '-m', 'draft');
    const final = fs.readFileSync(path.join(ROOT, 'samples/2020-03-final/ehch.spec.md'), 'utf8');
    fs.writeFileSync(path.join(dir, 'ehch.spec.md'), final);
    uri = pathToFileURL(path.join(dir, 'ehch.spec.md')).href;
    client = inProcess();
    await client.initialize(pathToFileURL(dir).href);
    const opened = client.waitForDiagnostics(uri);
    await client.open(uri, final);
    await opened;
  });

  afterEach(async () => {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('compares with a committed revision', async () => {
    const reply = (await client.connection.sendRequest('serviceSpec/compare', { uri, rev: 'HEAD' })) as { html: string };
    assert.match(reply.html, /ehch: 2019-12-draft → 2020-03-final/);
  });

  it('refuses a revision that is a git option (--output=…) and writes nothing', async () => {
    const target = path.join(dir, 'written');
    for (const rev of [`--output=${target}`, `--output=${target}:x`, '-p', '--no-index']) {
      await assert.rejects(client.connection.sendRequest('serviceSpec/compare', { uri, rev }), (e: { code: number; message: string }) => {
        assert.equal(e.code, -32803, e.message);
        assert.match(e.message, /is not a git revision/);
        return true;
      });
    }
    assert.deepEqual(
      fs.readdirSync(dir).filter((f) => f.startsWith('written')),
      [],
      'git wrote a file',
    );
  });
});
