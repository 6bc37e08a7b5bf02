/** The server's message encoder: the JSON of diagnostics kept per diagnostic object, equal to JSON.stringify. */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Message } from 'vscode-jsonrpc';
import { messageJson } from '../../server/src/lsp/encoder.js';

const position = fc.record({ line: fc.nat(), character: fc.nat() });
const diagnostic = fc.record(
  {
    range: fc.record({ start: position, end: position }),
    severity: fc.constantFrom(1, 2, 3, 4),
    code: fc.string(),
    source: fc.constant('service-spec'),
    message: fc.string({ unit: 'binary' }),
    codeDescription: fc.record({ href: fc.webUrl() }),
  },
  { requiredKeys: ['range', 'message'] },
);

describe('lsp: message encoder', () => {
  it('writes any message as JSON.stringify would (parsed), diagnostics included', () => {
    fc.assert(
      fc.property(fc.array(diagnostic, { maxLength: 20 }), fc.option(fc.integer()), fc.webUrl(), (diagnostics, version, uri) => {
        const msg = {
          jsonrpc: '2.0',
          method: 'textDocument/publishDiagnostics',
          params: { uri, ...(version === null ? {} : { version }), diagnostics },
        } as Message;
        assert.deepEqual(JSON.parse(messageJson(msg)), JSON.parse(JSON.stringify(msg)));
        // Twice: the second time from the kept JSON of each diagnostic.
        assert.equal(messageJson(msg), messageJson(msg));
      }),
    );
    for (const msg of [
      { jsonrpc: '2.0', id: 1, result: { contents: 'x' } },
      { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'hi' } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a', diagnostics: [] } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics' },
    ] as unknown as Message[]) {
      assert.deepEqual(JSON.parse(messageJson(msg)), msg);
    }
  });

  it('builds the JSON of a diagnostic object once', () => {
    const d = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'first' };
    const msg = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a', diagnostics: [d] } } as Message;
    const before = messageJson(msg);
    // The server never changes a diagnostic it has sent (it makes a new one): a change would not show.
    d.message = 'changed';
    assert.equal(messageJson(msg), before);
    const fresh = { ...d };
    const again = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a', diagnostics: [fresh] } } as Message;
    assert.ok(messageJson(again).includes('"changed"'));
  });
});
