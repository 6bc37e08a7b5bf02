/** Editing help over LSP: completion, quick fixes and fix-all, outline, workspace symbols, definition,
 * references, rename across specs, folding and document links. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { inProcess, type TestClient } from '../helpers/lspClient.js';
import { joinLines, markers } from '../helpers/golden.js';
import { LineIndex } from '../../server/src/core/index.js';

const FM = (id: string) => joinLines('---', `id: ${id}`, 'title: T', 'version: 1', 'status: draft', 'published: 2020-03-31', '---');

const A = joinLines(
  FM('ehch'),
  '# EHCH',
  '## Home rounds',
  '### EHCH-1: Lead',
  'A lead is named.',
  '',
  '- **Deadline:** 31/10/2020',
  '- **Funding:** care-home-premum',
  '- **Deliverability:** green: in post',
  '',
  '### EHCH-2: Round',
  'A round.',
  '',
  '- **Depends on:** EHCH-1, smr/SMR-1',
  '',
  '### EHCH-2: Duplicate',
  '- **Deadline:** 2020-10-01',
  '- **Funding:** arrs',
  '- **Deliverability:** green: ok',
  '',
);

const B = joinLines(
  FM('smr'),
  '### SMR-1: Reviews',
  '- **Deadline:** 2020-10-01',
  '- **Funding:** arrs',
  '- **Deliverability:** green: ok',
  '- **Depends on:** ehch/EHCH-1',
  '',
);

function pos(text: string, offset: number) {
  return new LineIndex(text).positionAt(offset);
}

describe('editing help over LSP', () => {
  let dir: string;
  let client: TestClient;
  let a: string;
  let b: string;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssfeat-'));
    fs.writeFileSync(path.join(dir, 'ehch.spec.md'), A);
    fs.writeFileSync(path.join(dir, 'smr.spec.md'), B);
    a = pathToFileURL(path.join(dir, 'ehch.spec.md')).href;
    b = pathToFileURL(path.join(dir, 'smr.spec.md')).href;
    client = inProcess();
    await client.initialize(pathToFileURL(dir).href);
    const da = client.waitForDiagnostics(a);
    const db = client.waitForDiagnostics(b);
    await client.open(a, A);
    await client.open(b, B);
    await da;
    await db;
  });

  afterEach(async () => {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const req = <T>(method: string, params: unknown) => client.connection.sendRequest(method, params) as Promise<T>;

  it('completes funding ids after **Funding:**, with labels', async () => {
    const { text, offsets } = markers(A.replace('- **Funding:** care-home-premum', () => '- **Funding:** arrs, $$'));
    await client.change(a, 2, [{ text }]);
    const items = await req<{ label: string; detail?: string }[]>('textDocument/completion', { textDocument: { uri: a }, position: pos(text, offsets[0]!) });
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('care-home-premium'));
    assert.ok(!labels.includes('arrs'), 'already listed');
    assert.equal(items.find((i) => i.label === 'care-home-premium')!.detail, 'Care Home Premium');
  });

  it('completes field labels, requirement ids and a new-requirement snippet', async () => {
    const { text, offsets } = markers(
      A.replace('A round.\n', () => 'A round.\n\n- $$\n').replace('- **Depends on:** EHCH-1, smr/SMR-1', () => '- **Depends on:** $$') + '\n$$',
    );
    await client.change(a, 2, [{ text }]);
    const fields = await req<{ label: string }[]>('textDocument/completion', { textDocument: { uri: a }, position: pos(text, offsets[0]!) });
    assert.deepEqual(
      fields.map((i) => i.label),
      ['**Deadline:**', '**Funding:**', '**Deliverability:**', '**Owner:**'],
    );
    const ids = await req<{ label: string }[]>('textDocument/completion', { textDocument: { uri: a }, position: pos(text, offsets[1]!) });
    assert.ok(ids.some((i) => i.label === 'EHCH-1'));
    assert.ok(ids.some((i) => i.label === 'smr/SMR-1'));
    const snippet = await req<{ label: string; insertTextFormat: number; textEdit: { newText: string } }[]>('textDocument/completion', {
      textDocument: { uri: a },
      position: pos(text, offsets[2]!),
    });
    assert.equal(snippet[0]!.label, '### EHCH-3: new requirement');
    assert.equal(snippet[0]!.insertTextFormat, 2);
    assert.match(snippet[0]!.textEdit.newText, /- \*\*Deadline:\*\* \$\{3:YYYY-MM-DD\}/);
  });

  it('offers quick fixes and a fix-all that applies them', async () => {
    const actions = await req<{ title: string; kind: string; edit: { changes: Record<string, { newText: string }[]> } }[]>('textDocument/codeAction', {
      textDocument: { uri: a },
      range: { start: { line: 0, character: 0 }, end: { line: 30, character: 0 } },
      context: { diagnostics: [] },
    });
    const titles = actions.map((x) => x.title);
    assert.ok(titles.includes('Rewrite as 2020-10-31'));
    assert.ok(titles.includes('Replace with "care-home-premium"'));
    assert.ok(titles.includes('Renumber to EHCH-3'));
    assert.ok(titles.includes('Add the missing fields of EHCH-2'));
    const all = actions.find((x) => x.kind === 'source.fixAll.service-spec')!;
    assert.equal(all.edit.changes[a]!.length, 4);
    const onlyFixAll = await req<{ kind: string }[]>('textDocument/codeAction', {
      textDocument: { uri: a },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.deepEqual(
      onlyFixAll.map((x) => x.kind),
      ['source.fixAll.service-spec'],
    );
  });

  it('lists sections and requirements in the outline', async () => {
    const symbols = await req<{ name: string; children: { name: string; children: { name: string }[] }[] }[]>('textDocument/documentSymbol', {
      textDocument: { uri: a },
    });
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['front-matter', 'EHCH'],
    );
    const rounds = symbols[1]!.children[0]!;
    assert.equal(rounds.name, 'Home rounds');
    assert.deepEqual(
      rounds.children.map((c) => c.name),
      ['EHCH-1: Lead', 'EHCH-2: Round', 'EHCH-2: Duplicate'],
    );
  });

  it('finds requirements across specs as workspace symbols', async () => {
    const symbols = await req<{ name: string; location: { uri: string } }[]>('workspace/symbol', { query: 'smr1' });
    assert.deepEqual(
      symbols.map((s) => [s.name, s.location.uri]),
      [['SMR-1: Reviews', b]],
    );
  });

  it('goes to the definition of a cross-spec reference and finds its references', async () => {
    const line = A.split('\n').findIndex((l) => l.includes('smr/SMR-1'));
    const character = A.split('\n')[line]!.indexOf('SMR-1') + 2;
    const def = await req<{ uri: string; range: { start: { line: number } } }>('textDocument/definition', {
      textDocument: { uri: a },
      position: { line, character },
    });
    assert.equal(def.uri, b);
    assert.equal(def.range.start.line, 7);
    const refs = await req<{ uri: string; range: { start: { line: number } } }[]>('textDocument/references', {
      textDocument: { uri: b },
      position: { line: 7, character: 5 },
      context: { includeDeclaration: true },
    });
    assert.deepEqual(
      refs.map((r) => [r.uri, r.range.start.line]).sort(),
      [
        [a, line],
        [b, 7],
      ].sort(),
    );
  });

  it('renames a requirement id in its heading and every reference, across specs', async () => {
    const edit = await req<{ changes: Record<string, { newText: string; range: { start: { line: number } } }[]> }>('textDocument/rename', {
      textDocument: { uri: a },
      position: { line: 9, character: 6 },
      newName: 'EHCH-10',
    });
    assert.deepEqual(edit.changes[a]!.map((e) => [e.range.start.line, e.newText]).sort(), [
      [19, 'EHCH-10'],
      [9, 'EHCH-10'],
    ]);
    assert.deepEqual(
      edit.changes[b]!.map((e) => e.newText),
      ['EHCH-10'],
    );
    await assert.rejects(
      req('textDocument/rename', { textDocument: { uri: a }, position: { line: 9, character: 6 }, newName: 'not an id' }),
      /not a requirement id/,
    );
  });

  it('folds front-matter, sections, requirements and workload blocks; links cross-spec references', async () => {
    const folds = await req<{ startLine: number; endLine: number }[]>('textDocument/foldingRange', { textDocument: { uri: a } });
    assert.ok(
      folds.some((f) => f.startLine === 0 && f.endLine === 6),
      'front-matter',
    );
    assert.ok(
      folds.some((f) => f.startLine === 9 && f.endLine === 14),
      'EHCH-1',
    );
    const links = await req<{ target: string }[]>('textDocument/documentLink', { textDocument: { uri: a } });
    assert.deepEqual(
      links.map((l) => l.target),
      [`${b}#L8`],
    );
  });
});
