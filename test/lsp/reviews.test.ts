/** Review notes over LSP: diagnostics on the sidecar and the spec, hover, threads, and writes. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { inProcess, type TestClient } from '../helpers/lspClient.js';
import { joinLines } from '../helpers/golden.js';

const SPEC = joinLines(
  '---',
  'id: ehch',
  'title: T',
  'version: 2020-03-final',
  'status: final',
  'published: 2020-03-31',
  '---',
  '### EHCH-1: Lead',
  'The network names a lead for each home.',
  '',
  '- **Deadline:** 2020-10-01',
  '- **Funding:** arrs',
  '- **Deliverability:** green: ok',
  '',
  '### EHCH-3: Weekly round',
  'Each home receives a weekly round; medical input is agreed locally.',
  '',
  '- **Deadline:** 2020-10-01',
  '- **Funding:** care-home-premium',
  '- **Deliverability:** amber: nurse time',
  '',
  '```workload',
  'role: practice-nurse',
  'minutes: 120',
  'every: week',
  'per: care-home',
  '```',
  '',
);

const REVIEW = joinLines(
  '# kept comment',
  'spec: ehch.spec.md',
  'reviewer: BBO LMCs',
  'notes:',
  '  - id: a',
  '    requirement: EHCH-3',
  '    quote: GP-led at least fortnightly',
  '    stance: object',
  '    status: open',
  '    body: No spare sessions.',
  '  - id: b',
  '    requirement: EHCH-2',
  '    quote: names a lead for each home',
  '    stance: object',
  '    status: open',
  '    body: Leads need time.',
  '',
);

describe('review notes in the language server', () => {
  let dir: string;
  let client: TestClient;
  let spec: string;
  let review: string;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssrev-'));
    fs.writeFileSync(path.join(dir, 'ehch.spec.md'), SPEC);
    fs.writeFileSync(path.join(dir, 'ehch.review.yaml'), REVIEW);
    spec = pathToFileURL(path.join(dir, 'ehch.spec.md')).href;
    review = pathToFileURL(path.join(dir, 'ehch.review.yaml')).href;
    client = inProcess();
    await client.initialize(pathToFileURL(dir).href);
  });

  afterEach(async () => {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports stale and reanchored notes on the sidecar, objections on the spec, and notes in the hover', async () => {
    const onReview = client.waitForDiagnostics(review, (p) => p.diagnostics.length >= 2);
    const onSpec = client.waitForDiagnostics(spec, (p) => p.diagnostics.some((d) => d.code === 'open-objection'));
    await client.open(spec, SPEC);
    const r = (await onReview).diagnostics;
    assert.deepEqual(
      r.map((d) => [d.code, d.range.start.line]),
      [
        ['stale-review-note', 5],
        ['reanchored-review-note', 11],
      ],
    );
    const s = (await onSpec).diagnostics;
    assert.deepEqual(
      s.map((d) => [d.code, d.range.start.line, d.severity]),
      [
        ['open-objection', 7, 3],
        ['open-objection', 14, 3],
      ],
    );
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: spec }, position: { line: 14, character: 5 } })) as {
      contents: { value: string };
    };
    assert.match(hover.contents.value, /Open review notes\*\* \(1\)/);
    assert.match(hover.contents.value, /\*\*object\*\* \(BBO LMCs, undated\) _\(stale\)_: No spare sessions\./);
    const fix = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: review },
      range: r[1]!.range,
      context: { diagnostics: [r[1]] },
    })) as { title: string; edit: { changes: Record<string, { newText: string }[]> } }[];
    assert.equal(fix[0]!.title, 'Move the note to EHCH-1');
    assert.equal(fix[0]!.edit.changes[review]![0]!.newText, 'EHCH-1');
  });

  it("applies the editor's rule severities to sidecars and the configuration file too (serviceSpec.rules)", async () => {
    const configPath = path.join(dir, 'service-spec.config.yaml');
    fs.writeFileSync(configPath, 'estimator:\n  nonsense: 1\n');
    await client.shutdown();
    client = inProcess();
    client.configuration = { rules: { 'stale-review-note': 'off', 'reanchored-review-note': 'hint', 'invalid-config': 'hint', 'open-objection': 'off' } };
    await client.initialize(pathToFileURL(dir).href, { workspace: { configuration: true } });
    const onReview = client.waitForDiagnostics(review);
    const onConfig = client.waitForDiagnostics(pathToFileURL(configPath).href);
    const onSpec = client.waitForDiagnostics(spec);
    await client.open(spec, SPEC);
    assert.deepEqual((await onSpec).diagnostics, []);
    assert.deepEqual(
      (await onReview).diagnostics.map((d) => [d.code, d.severity]),
      [['reanchored-review-note', 4]],
    );
    assert.deepEqual(
      (await onConfig).diagnostics.map((d) => [d.code, d.severity]),
      [['invalid-config', 4]],
    );
  });

  it('lists threads and writes notes, replies and statuses to the sidecar, keeping comments', async () => {
    const opened = client.waitForDiagnostics(spec);
    await client.open(spec, SPEC);
    await opened;
    const threads = (await client.connection.sendRequest('serviceSpec/review/threads', { uri: spec })) as {
      id: string;
      anchor: string;
      currentRequirement: string;
      range: { start: { line: number } };
    }[];
    assert.deepEqual(
      threads.map((t) => [t.id, t.anchor, t.currentRequirement, t.range.start.line]),
      [
        ['a', 'stale', 'EHCH-3', 14],
        ['b', 'reanchored', 'EHCH-1', 7],
      ],
    );
    const added = (await client.connection.sendRequest('serviceSpec/review/addNote', {
      uri: spec,
      requirement: 'EHCH-1',
      stance: 'question',
      body: 'Who pays?',
      author: 'LMC',
    })) as { id: string };
    await client.connection.sendRequest('serviceSpec/review/reply', { sidecar: review, id: 'a', body: 'Agreed locally now.', author: 'NHSE' });
    await client.connection.sendRequest('serviceSpec/review/setStatus', { sidecar: review, id: 'a', status: 'resolved' });
    const text = fs.readFileSync(path.join(dir, 'ehch.review.yaml'), 'utf8');
    assert.match(text, /^# kept comment\n/);
    assert.match(
      text,
      new RegExp(
        `- id: ${added.id}\\n    requirement: EHCH-1\\n    snapshot: Lead\\. The network names a lead for each home\\.\\n    stance: question\\n    status: open`,
      ),
    );
    assert.match(text, /status: resolved/);
    assert.match(text, /replies:\n {6}- author: NHSE/);
    await assert.rejects(client.connection.sendRequest('serviceSpec/review/setStatus', { sidecar: review, id: 'nope', status: 'resolved' }), /no note "nope"/);
  });

  it('never rewrites a malformed sidecar', async () => {
    fs.writeFileSync(path.join(dir, 'ehch.review.yaml'), 'spec: ehch.spec.md\nnotes: [unclosed\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: review, type: 2 }] });
    await assert.rejects(client.connection.sendRequest('serviceSpec/review/reply', { sidecar: review, id: 'a', body: 'x' }), /malformed/);
    assert.equal(fs.readFileSync(path.join(dir, 'ehch.review.yaml'), 'utf8'), 'spec: ehch.spec.md\nnotes: [unclosed\n');
  });
});
