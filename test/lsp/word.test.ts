/**
 * Word documents and the consultation ledger from the editor: serviceSpec/importWord (writes the spec and its
 * sidecar, refuses to overwrite without force), exportWord, exportReviewWord and saveRedline (Word packages
 * holding the document, the comments, the tracked changes), the hover's history line through the versions of
 * a spec in the workspace, and serviceSpec/ledger (the CLI's escaped page, no script).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { findThread, historyLine } from '../../server/src/core/ledger/index.js';
import { runLedger } from '../../server/src/node/ledger.js';
import { ROOT } from '../helpers/golden.js';
import { inProcess, type TestClient } from '../helpers/lspClient.js';

const VERSIONS = ['2019-12-draft', '2020-02-revised', '2020-03-final'];
const uriOf = (f: string) => pathToFileURL(f).href;

/** A workspace holding the three sample versions and their configuration. */
function sampleWorkspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-word-'));
  fs.copyFileSync(path.join(ROOT, 'samples/service-spec.config.yaml'), path.join(dir, 'service-spec.config.yaml'));
  for (const v of VERSIONS) fs.cpSync(path.join(ROOT, 'samples', v), path.join(dir, v), { recursive: true });
  return dir;
}

/** Starts the server on `dir`, waits for its background index, opens `file`. */
async function start(dir: string, file: string): Promise<TestClient> {
  const client = inProcess();
  let indexed!: () => void;
  const ready = new Promise<void>((resolve) => (indexed = resolve));
  client.connection.onNotification('$/progress', (p: { value: { kind: string } }) => {
    if (p.value.kind === 'end') indexed();
  });
  await client.initialize(uriOf(dir), { window: { workDoneProgress: true } });
  const opened = client.waitForDiagnostics(uriOf(file));
  await client.open(uriOf(file), fs.readFileSync(file, 'utf8'));
  await opened;
  await ready;
  return client;
}

const parts = (file: string) => unzipSync(new Uint8Array(fs.readFileSync(file)));

type Result = { status: string; files?: string[]; file?: string; spec?: string; review?: string | null; summary?: string; notes?: number };

describe('Word documents and the ledger in the language server', function () {
  this.timeout(60_000);
  let dir: string;
  let client: TestClient;
  const final = () => path.join(dir, '2020-03-final/ehch.spec.md');
  const send = (method: string, params: unknown) => client.connection.sendRequest(method, params) as Promise<Result>;

  beforeEach(async () => {
    dir = sampleWorkspace();
    client = await start(dir, final());
  });

  afterEach(async () => {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports a Word draft into the folder (spec and sidecar), and refuses to overwrite them without force', async () => {
    const out = path.join(dir, 'imported');
    fs.mkdirSync(out);
    const params = { file: uriOf(path.join(ROOT, 'samples/word/ehch-draft.docx')), outDir: uriOf(out) };
    const r = await send('serviceSpec/importWord', params);
    assert.equal(r.status, 'written');
    const spec = fileOfUri(r.spec!);
    assert.equal(path.dirname(spec), out);
    assert.match(fs.readFileSync(spec, 'utf8'), /^---\nid: [a-z0-9-]+\n/);
    assert.ok(r.review && fs.readFileSync(fileOfUri(r.review), 'utf8').includes('requirement:'));
    assert.match(r.summary!, /wrote .*\.spec\.md: \d+ requirements; \d+ fields? found in the document, \d+ TBCs? left/);
    assert.match(r.summary!, /\d+ review notes?/);
    assert.match(r.summary!, /comments? outside every requirement/);

    // Opened, the new spec has its findings and its notes as review threads.
    const specText = fs.readFileSync(spec, 'utf8');
    const checked = client.waitForDiagnostics(r.spec!);
    await client.open(r.spec!, specText);
    assert.ok((await checked).diagnostics.some((d) => d.code === 'placeholder-value' || d.code === 'missing-funding' || d.code === 'missing-deadline'));
    const threads = (await client.connection.sendRequest('serviceSpec/review/threads', { uri: r.spec })) as { sidecar: string }[];
    const notes = Number(/(\d+) review notes?/.exec(r.summary!)![1]);
    assert.ok(notes > 0);
    assert.equal(threads.length, notes);
    assert.ok(threads.every((t) => t.sidecar === r.review));

    // Again without force: nothing is written, the existing file is named.
    fs.writeFileSync(spec, 'edited by hand\n');
    const again = await send('serviceSpec/importWord', params);
    assert.equal(again.status, 'exists');
    assert.deepEqual(again.files?.map(fileOfUri), [spec]);
    assert.equal(fs.readFileSync(spec, 'utf8'), 'edited by hand\n');

    // With force it is replaced.
    const forced = await send('serviceSpec/importWord', { ...params, force: true });
    assert.equal(forced.status, 'written');
    assert.notEqual(fs.readFileSync(spec, 'utf8'), 'edited by hand\n');
  });

  it('refuses a file that is not a Word document with a one-line reason, writing nothing', async () => {
    const bogus = path.join(dir, 'not-word.docx');
    fs.writeFileSync(bogus, 'plain text');
    const out = path.join(dir, 'out');
    await assert.rejects(
      send('serviceSpec/importWord', { file: uriOf(bogus), outDir: uriOf(out) }),
      (e: Error) => /not-word\.docx/.test(e.message) && !e.message.includes('\n'),
    );
    assert.ok(!fs.existsSync(out) || fs.readdirSync(out).length === 0);
    await assert.rejects(send('serviceSpec/importWord', { file: uriOf(bogus) }), /outDir/);
  });

  it('exports the publication and the review document of the open spec; an existing file is kept without force', async () => {
    const out = path.join(dir, '2020-03-final/ehch.docx');
    const r = await send('serviceSpec/exportWord', { uri: uriOf(final()), out: uriOf(out) });
    assert.equal(r.status, 'written');
    assert.equal(fileOfUri(r.file!), out);
    const doc = strFromU8(parts(out)['word/document.xml']!);
    assert.match(doc, /Enhanced Health in Care Homes/);
    assert.match(doc, /EHCH-1/);

    const before = fs.readFileSync(out);
    const again = await send('serviceSpec/exportWord', { uri: uriOf(final()), out: uriOf(out) });
    assert.deepEqual(again, { status: 'exists', files: [uriOf(out)] });
    assert.deepEqual(fs.readFileSync(out), before);

    const reviewOut = path.join(dir, '2020-03-final/ehch.review.docx');
    const rv = await send('serviceSpec/exportReviewWord', { uri: uriOf(final()), out: uriOf(reviewOut) });
    assert.equal(rv.status, 'written');
    const zip = parts(reviewOut);
    assert.ok(zip['word/document.xml']);
    const comments = strFromU8(zip['word/comments.xml']!);
    const sidecarNotes = (fs.readFileSync(path.join(dir, '2020-03-final/ehch.review.yaml'), 'utf8').match(/^ {2}- id: /gm) ?? []).length;
    assert.ok(sidecarNotes > 0);
    assert.equal(rv.notes, sidecarNotes);
    assert.ok((comments.match(/<w:comment /g) ?? []).length >= sidecarNotes);
  });

  it('saves the redline of the open spec against the version compared', async () => {
    const out = path.join(dir, '2020-03-final/ehch.redline.docx');
    const draft = path.join(dir, '2019-12-draft/ehch.spec.md');
    const r = await send('serviceSpec/saveRedline', { uri: uriOf(final()), otherUri: uriOf(draft), out: uriOf(out) });
    assert.equal(r.status, 'written');
    const doc = strFromU8(parts(out)['word/document.xml']!);
    assert.match(doc, /<w:ins /);
    assert.match(doc, /<w:del /);
    await assert.rejects(send('serviceSpec/saveRedline', { uri: uriOf(final()), out: uriOf(`${out}.x`) }), /exactly one of otherUri/);
  });

  it('adds the history line of a requirement through the earlier versions in the workspace to its hover', async () => {
    const file = path.join(dir, '2020-03-final/early-cancer-diagnosis.spec.md');
    const uri = uriOf(file);
    const text = fs.readFileSync(file, 'utf8');
    const opened = client.waitForDiagnostics(uri);
    await client.open(uri, text);
    await opened;
    const line = text.split('\n').findIndex((l) => l.startsWith('### ECD-4:'));
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: 5 } })) as {
      contents: { value: string };
    };
    const shown = /\*\*History:\*\* (.*)/.exec(hover.contents.value)?.[1]?.replace(/\\(.)/g, '$1');
    // The same line as the CLI's ledger over the three folders gives.
    const { ledger } = runLedger(VERSIONS.map((v) => path.join(dir, v)));
    const expected = historyLine(findThread(ledger, 'early-cancer-diagnosis', 'ECD-4')!, ledger);
    assert.equal(shown, expected);
    assert.match(shown!, /^2019-12-draft ECD-5 → 2020-02-revised ECD-4 \(renumbered[^)]*\) → 2020-03-final ECD-4/);
  });

  it('shows no history when the workspace holds no earlier version', async () => {
    fs.rmSync(path.join(dir, '2019-12-draft'), { recursive: true });
    fs.rmSync(path.join(dir, '2020-02-revised'), { recursive: true });
    await client.shutdown();
    client = await start(dir, final());
    const text = fs.readFileSync(final(), 'utf8');
    const line = text.split('\n').findIndex((l) => l.startsWith('### EHCH-3:'));
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: uriOf(final()) }, position: { line, character: 5 } })) as {
      contents: { value: string };
    };
    assert.match(hover.contents.value, /EHCH-3/);
    assert.ok(!hover.contents.value.includes('History'));
    await assert.rejects(client.connection.sendRequest('serviceSpec/ledger', { uri: uriOf(final()) }), /no earlier version/);
  });

  it("serves the ledger page of the open spec's versions: the CLI's HTML, escaped, without script", async () => {
    // A hostile note body: shown as text.
    const sidecar = path.join(dir, '2020-02-revised/ehch.review.yaml');
    fs.writeFileSync(sidecar, fs.readFileSync(sidecar, 'utf8').replace(/body: Homes rarely[^\n]*/, 'body: "<script>alert(1)</script> & <img src=x>"'));
    await client.shutdown();
    client = await start(dir, final());
    const r = (await client.connection.sendRequest('serviceSpec/ledger', { uri: uriOf(final()) })) as { html: string; versions: string[] };
    assert.deepEqual(r.versions, VERSIONS);
    assert.match(r.html, /<h1>Consultation ledger<\/h1>/);
    assert.match(r.html, /Content-Security-Policy" content="default-src 'none'/);
    assert.ok(!/<script/i.test(r.html), 'no script element');
    assert.ok(!/<img/i.test(r.html));
    assert.match(r.html, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; &lt;img src=x&gt;/);
    assert.match(r.html, /EHCH-3/);
  });
});

function fileOfUri(uri: string): string {
  return new URL(uri).pathname;
}
