/**
 * The open documents' change log: the edits the editor sent, in offsets of the text each applies to, so the
 * live parse of a spec knows what changed without comparing texts.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineIndex } from '../../server/src/core/index.js';
import type { TextChange } from '../../server/src/core/liveDocument.js';
import { DocumentStore } from '../../server/src/lsp/documents.js';

const URI = 'file:///docs/a.spec.md';
const FILE = '/docs/a.spec.md';

function replay(text: string, changes: TextChange[], inserted: string[]): string {
  changes.forEach((c, i) => {
    text = text.slice(0, c.start) + inserted[i] + text.slice(c.end);
  });
  return text;
}

describe('open documents: the change log', () => {
  it('gives the changes since a version, which replayed on that version give the current text', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 60 }),
        fc.array(
          fc.array(fc.record({ at: fc.nat(), remove: fc.nat({ max: 10 }), insert: fc.constantFrom('', 'a', '\n', '\r\n', 'xyz\nw') }), {
            minLength: 1,
            maxLength: 3,
          }),
          {
            maxLength: 8,
          },
        ),
        fc.nat(),
        (initial, batches, pick) => {
          const store = new DocumentStore();
          store.open(URI, 'service-spec', 1, initial);
          const texts = [initial];
          const inserted: string[][] = [[]];
          let text = initial;
          batches.forEach((batch, b) => {
            const changes = batch.map((e) => {
              const lines = new LineIndex(text);
              // Positions name places between characters of a line: never between the \r and \n of a line break.
              const inBreak = (o: number) => text[o - 1] === '\r' && text[o] === '\n';
              let start = e.at % (text.length + 1);
              if (inBreak(start)) start++;
              let end = Math.min(text.length, start + e.remove);
              if (inBreak(end)) end++;
              const change = { range: { start: lines.positionAt(start), end: lines.positionAt(end) }, text: e.insert };
              text = text.slice(0, start) + e.insert + text.slice(end);
              return change;
            });
            store.change(URI, b + 2, changes);
            texts.push(text);
            inserted.push(batch.map((e) => e.insert));
          });
          assert.equal(store.get(FILE)!.text, text);
          const from = pick % texts.length;
          const since = store.changesSince(FILE, from + 1)!;
          assert.ok(since, 'changes known');
          assert.equal(replay(texts[from]!, since, inserted.slice(from + 1).flat()), text);
        },
      ),
    );
  });

  it('does not know the changes across a full replacement, before the log, or of a document not open', () => {
    const store = new DocumentStore();
    store.open(URI, 'service-spec', 1, 'abc');
    store.change(URI, 2, [{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 2 } }, text: 'X' }]);
    assert.deepEqual(store.changesSince(FILE, 1), [{ start: 1, end: 2, length: 1 }]);
    assert.deepEqual(store.changesSince(FILE, 2), []);
    store.change(URI, 3, [{ text: 'whole new text' }]);
    assert.equal(store.changesSince(FILE, 1), undefined);
    assert.equal(store.changesSince(FILE, 2), undefined);
    assert.deepEqual(store.changesSince(FILE, 3), []);
    for (let v = 4; v < 400; v++) store.change(URI, v, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'y' }]);
    assert.equal(store.changesSince(FILE, 3), undefined, 'older than the log');
    assert.equal(store.changesSince(FILE, 398)?.length, 1);
    assert.equal(store.changesSince('/docs/other.spec.md', 1), undefined);
  });
});
