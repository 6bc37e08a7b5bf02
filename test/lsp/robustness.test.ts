/**
 * The server under abuse: malformed requests get error replies and the server keeps serving; a burst of
 * edits is analysed once for the latest text (stale work dropped); random edit sequences sent as
 * incremental changes give exactly the diagnostics of a from-scratch analysis of the final text (and of
 * every version the server published on the way).
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { inProcess, type TestClient } from '../helpers/lspClient.js';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateDenseSpec, generateSpec, generateWorkspace } from '../helpers/specs.js';
import { LineIndex } from '../../server/src/core/index.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 50) > 50 ? 300 : 50;
const URI = 'file:///robust/gen.spec.md';

async function openFresh(text: string, uri = URI): Promise<{ client: TestClient; diagnostics: unknown[] }> {
  const client = inProcess();
  await client.initialize(null);
  const done = client.waitForDiagnostics(uri, (p) => p.version === 1);
  await client.open(uri, text, 1);
  return { client, diagnostics: (await done).diagnostics };
}

describe('server robustness', function () {
  this.timeout(120_000);
  const text = generateSpec({ requirements: 30 });

  it('answers malformed requests with an error and keeps serving', async () => {
    const { client } = await openFresh(text);
    const headingLine = text.split('\n').findIndex((l) => l.startsWith('### GEN-1:'));
    const bad: [string, unknown][] = [
      ['textDocument/hover', { textDocument: { uri: 42 }, position: null }],
      ['textDocument/hover', { textDocument: { uri: URI }, position: { line: -5, character: 1e12 } }],
      ['textDocument/codeLens', null],
      ['textDocument/completion', { textDocument: { uri: URI } }],
      ['textDocument/codeAction', { textDocument: { uri: URI }, range: null, context: null }],
      ['textDocument/rename', { textDocument: { uri: URI }, position: { line: 0, character: 0 }, newName: null }],
      ['workspace/symbol', { query: null }],
      ['serviceSpec/review/addNote', {}],
      ['serviceSpec/review/setStatus', { sidecar: 'file:///nowhere.review.yaml', id: 'x', status: 'open' }],
      ['serviceSpec/compare', { uri: 'file:///does/not/exist.spec.md' }],
      ['serviceSpec/preview', null],
      ['no/suchMethod', {}],
    ];
    let errors = 0;
    for (const [method, params] of bad) {
      try {
        await client.connection.sendRequest(method, params);
      } catch (e) {
        errors++;
        assert.ok(typeof (e as { code?: unknown }).code === 'number', `${method}: not a JSON-RPC error: ${e}`);
      }
      // Still serving: a real hover on a requirement heading answers.
      const hover = (await client.connection.sendRequest('textDocument/hover', {
        textDocument: { uri: URI },
        position: { line: headingLine, character: 5 },
      })) as { contents?: { value?: string } } | null;
      assert.ok(hover?.contents?.value?.includes('GEN-1'), `no hover after ${method}`);
    }
    assert.ok(errors >= 1, 'no request failed: the test is not exercising failing handlers');
    // Malformed notifications: changes to unknown documents, ranges past the end.
    await client.change('file:///unknown.spec.md', 2, [{ text: 'x' }]);
    const after = client.waitForDiagnostics(URI, (p) => p.version === 2);
    await client.change(URI, 2, [{ range: { start: { line: 1e6, character: 0 }, end: { line: 1e6 + 5, character: 3 } }, text: '\n### Z-1: Tail\n' }]);
    assert.ok((await after).diagnostics.some((d) => String(d.message).includes('Z-1')));
    await client.shutdown();
  });

  it('answers malformed params with InvalidParams (-32602) naming the field, not a JavaScript error', async () => {
    const { client } = await openFresh(text);
    const cases: [string, unknown, RegExp][] = [
      ['textDocument/hover', { textDocument: { uri: 42 }, position: null }, /textDocument\.uri/],
      ['textDocument/hover', { textDocument: { uri: URI }, position: { line: -5, character: 1e12 } }, /position\.line/],
      ['textDocument/codeLens', null, /params/],
      ['textDocument/completion', { textDocument: { uri: URI } }, /position/],
      ['textDocument/codeAction', { textDocument: { uri: URI }, range: null, context: null }, /range/],
      ['textDocument/rename', { textDocument: { uri: URI }, position: { line: 0, character: 0 }, newName: null }, /newName/],
      ['textDocument/references', { textDocument: { uri: URI }, position: { line: 0, character: 0 } }, /context/],
      ['workspace/symbol', { query: null }, /query/],
      ['serviceSpec/review/addNote', {}, /uri/],
      ['serviceSpec/review/addNote', { uri: URI, requirement: 'GEN-1', stance: 'hostile', body: 'x' }, /stance/],
      ['serviceSpec/review/setStatus', { sidecar: 'file:///x.review.yaml', id: 'a', status: 'done' }, /status/],
      ['serviceSpec/preview', null, /params/],
      ['serviceSpec/compare', { uri: URI }, /exactly one of otherUri/],
      ['serviceSpec/requirementAt', { uri: URI, position: { line: 'one', character: 0 } }, /position\.line/],
    ];
    for (const [method, params, field] of cases) {
      await assert.rejects(client.connection.sendRequest(method, params), (e: { code: number; message: string }) => {
        assert.equal(e.code, -32602, `${method}: ${e.message}`);
        assert.match(e.message, field, method);
        assert.doesNotMatch(e.message, /TypeError|Cannot read|is not a function|of undefined|of null/, method);
        return true;
      });
    }
    await client.shutdown();
  });

  it('refuses requests after shutdown (InvalidRequest) instead of serving them', async () => {
    const { client } = await openFresh(text);
    await client.connection.sendRequest('shutdown');
    for (const [method, params] of [
      ['textDocument/hover', { textDocument: { uri: URI }, position: { line: 0, character: 0 } }],
      ['serviceSpec/preview', { uri: URI }],
      ['workspace/symbol', { query: '' }],
    ] as const) {
      await assert.rejects(client.connection.sendRequest(method, params), (e: { code: number }) => {
        assert.equal(e.code, -32600, method);
        return true;
      });
    }
    await client.connection.sendNotification('exit');
    client.connection.dispose();
  });

  it('ignores a change with a malformed range instead of reading it as a whole-text replacement', async () => {
    const { client } = await openFresh(text);
    await client.change(URI, 2, [{ range: { start: { line: -1, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }]);
    const headingLine = text.split('\n').findIndex((l) => l.startsWith('### GEN-1:'));
    const hover = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: URI },
      position: { line: headingLine, character: 5 },
    })) as {
      contents: { value: string };
    } | null;
    assert.ok(hover?.contents.value.includes('GEN-1'), 'the text is unchanged');
    await client.shutdown();
  });

  it('logs one clear line for a document with an unusable URI, and keeps serving', async () => {
    const { client } = await openFresh(text);
    const logs: string[] = [];
    client.connection.onNotification('window/logMessage', (p: { message: string }) => {
      logs.push(p.message);
    });
    const bad = ['file:///tmp/%E0%A4%A.spec.md', 'not a uri', 'file:///tmp/x%zz.review.yaml'];
    for (const uri of bad) await client.open(uri, text);
    const headingLine = text.split('\n').findIndex((l) => l.startsWith('### GEN-1:'));
    const hover = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: URI },
      position: { line: headingLine, character: 5 },
    })) as {
      contents: { value: string };
    } | null;
    assert.ok(hover?.contents.value.includes('GEN-1'), 'still serving');
    for (const uri of bad) {
      const lines = logs.filter((l) => l.includes(JSON.stringify(uri)));
      assert.equal(lines.length, 1, `${uri}: ${JSON.stringify(logs)}`);
      assert.doesNotMatch(lines[0]!, /\n|\bat .+:\d+:\d+/, 'one line, no stack');
    }
    assert.deepEqual(
      logs.filter((l) => /\n\s+at /.test(l)),
      [],
      'no stack traces',
    );
    await client.shutdown();
  });

  it('drops stale work: a burst of edits is analysed for the latest text', async () => {
    const { client } = await openFresh(text);
    const published: number[] = [];
    const last = 41;
    const final = client.waitForDiagnostics(URI, (p) => {
      published.push(p.version ?? -1);
      return p.version === last;
    });
    const line = text.split('\n').findIndex((l) => l.includes('cohort 15 '));
    const sends: Promise<void>[] = [];
    for (let v = 2; v <= last; v++) sends.push(client.change(URI, v, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: 'x' }]));
    await Promise.all(sends);
    await final;
    assert.ok(published.length < last - 1, `every one of ${last - 1} versions was analysed: ${published.join(',')}`);
    assert.equal(published[published.length - 1], last);
    await client.shutdown();
  });

  it('incremental changes give the diagnostics of a from-scratch analysis (random edit sequences)', async () => {
    const base = generateSpec({ requirements: 12, perSection: 4 });
    const edit = fc.record({
      at: fc.nat(),
      remove: fc.nat({ max: 40 }),
      insert: fc.constantFrom(
        '',
        'x',
        '\n',
        '### ',
        '- **Deadline:** ',
        '```\n',
        '> ',
        '---\n',
        '\r\n',
        'TBC',
        '### GEN-3: Dup\n',
        '2020-02-30',
        '**',
        '`workload`',
      ),
    });
    const { client } = await openFresh(base);
    let version = 1;
    let current = base;
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 6 }), async (edits) => {
        // Reset to the base text, then apply the edits as incremental changes, not awaiting in between.
        const changes: unknown[][] = [[{ text: base }]];
        let t = base;
        for (const e of edits) {
          const start = e.at % (t.length + 1);
          const end = Math.min(t.length, start + e.remove);
          const lines = new LineIndex(t);
          changes.push([{ range: { start: lines.positionAt(start), end: lines.positionAt(end) }, text: e.insert }]);
          t = t.slice(0, start) + e.insert + t.slice(end);
        }
        const target = version + changes.length;
        const got = client.waitForDiagnostics(URI, (p) => p.version === target);
        for (const c of changes) await client.change(URI, ++version, c);
        current = t;
        const incremental = (await got).diagnostics;
        const fresh = await openFresh(current);
        await fresh.client.shutdown();
        assert.deepEqual(incremental, fresh.diagnostics);
      }),
      { numRuns: RUNS },
    );
    await client.shutdown();
  });

  it('a long random edit sequence (several changes per notification, no resets) always publishes the from-scratch findings', async () => {
    // Dense requirements (tables, quotes, nested lists, three findings each), rule links on: the live parse,
    // the per-requirement findings and the conversion cache are all in play, across line-count changes.
    const base = generateDenseSpec({ requirements: 14, perSection: 5 });
    const insert = fc.constantFrom(
      '',
      'x',
      '\n',
      '\n\n',
      'weekly ',
      '### ',
      '### DEN-3: Dup\n',
      '- **Funding:** arrs\n',
      '```\n',
      '> ',
      '| a |\n',
      'TBC',
      '\r\n',
      '## S\n',
    );
    const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 30 }), insert });
    const caps = { textDocument: { publishDiagnostics: { codeDescriptionSupport: true, versionSupport: true } } };
    const fresh = async (text: string) => {
      const c = inProcess();
      await c.initialize(null, caps);
      const done = c.waitForDiagnostics(URI, (p) => p.version === 1);
      await c.open(URI, text, 1);
      const d = (await done).diagnostics;
      await c.shutdown();
      return d;
    };
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.array(edit, { minLength: 1, maxLength: 3 }), fc.boolean()), { minLength: 1, maxLength: 12 }), async (steps) => {
        const client = inProcess();
        await client.initialize(null, caps);
        const opened = client.waitForDiagnostics(URI, (p) => p.version === 1);
        await client.open(URI, base, 1);
        await opened;
        let text = base;
        let version = 1;
        for (const [edits, wait] of steps) {
          // Each change's range is in the text left by the change before it, as editors send them.
          const changes: unknown[] = [];
          for (const e of edits) {
            const start = e.at % (text.length + 1);
            const end = Math.min(text.length, start + e.remove);
            const lines = new LineIndex(text);
            changes.push({ range: { start: lines.positionAt(start), end: lines.positionAt(end) }, text: e.insert });
            text = text.slice(0, start) + e.insert + text.slice(end);
          }
          const v = ++version;
          const got = client.waitForDiagnostics(URI, (p) => p.version === v);
          await client.change(URI, v, changes);
          // Not waiting lets the next notification arrive first: the server then analyses both at once.
          if (wait || v === steps.length + 1) assert.deepEqual((await got).diagnostics, await fresh(text), `after version ${v}`);
        }
        await client.shutdown();
      }),
      { numRuns: Math.max(20, RUNS / 2) },
    );
  });

  it('indexes the workspace on a worker thread, with progress; cross-spec references resolve against it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssindex-'));
    try {
      for (const f of generateWorkspace(30)) {
        fs.mkdirSync(path.dirname(path.join(dir, f.file)), { recursive: true });
        fs.writeFileSync(path.join(dir, f.file), f.text);
      }
      const client = inProcess();
      const progress: string[] = [];
      let ended!: () => void;
      const end = new Promise<void>((resolve) => (ended = resolve));
      client.connection.onNotification('$/progress', (p: { value: { kind: string; message?: string } }) => {
        progress.push(p.value.kind);
        if (p.value.kind === 'end') ended();
      });
      await client.initialize(pathToFileURL(dir).href, { window: { workDoneProgress: true } });
      // ws-30 depends on ws-1/W1-2: found once ws-1 is indexed, without ws-1 being opened.
      const file = path.join(dir, 'group-1/ws-30.spec.md');
      const uri = pathToFileURL(file).href;
      const text = fs.readFileSync(file, 'utf8');
      const first = client.waitForDiagnostics(uri, (p) => p.version === 1);
      await client.open(uri, text, 1);
      await first;
      await end;
      assert.equal(progress[0], 'begin');
      assert.equal(progress[progress.length - 1], 'end');
      const symbols = (await client.connection.sendRequest('workspace/symbol', { query: 'W17-' })) as { name: string }[];
      assert.equal(symbols.length, 18, symbols.map((x) => x.name).join(', '));
      const after = client.waitForDiagnostics(uri, (p) => p.version === 2);
      await client.change(uri, 2, [{ text: text.replace('ws-1/W1-2', 'ws-1/W1-77') }]);
      const d = await after;
      assert.ok(d.diagnostics.some((x) => x.code === 'dangling-reference' && String(x.message).includes('W1-77')));
      assert.ok(!d.diagnostics.some((x) => x.code === 'dangling-reference' && String(x.message).includes('W1-2')));
      await client.shutdown();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
