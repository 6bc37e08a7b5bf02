/**
 * Memory stays flat while editing: summaries kept in the chunk cache must not hold on to old versions of
 * the document (a slice of a string keeps the whole string alive in V8). Measured in a child process with
 * `--expose-gc`, after full collections, so the figure is the live heap, not garbage.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { ROOT } from '../helpers/golden.js';

describe('memory', function () {
  this.timeout(120_000);

  for (const probe of ['live', 'chunks'] as const) {
    const how = probe === 'live' ? 'a live document with its findings, as the server keeps' : 'a chunk cache, as the ledger keeps';
    it(`does not retain old versions of an edited document (300 edits on 1,000 requirements; ${how})`, () => {
      const r = spawnSync(process.execPath, ['--expose-gc', path.join(ROOT, 'out/test/helpers/leakProbe.js')], {
        encoding: 'utf8',
        env: { ...process.env, EDITS: '300', PROBE: probe },
      });
      assert.equal(r.status, 0, r.stderr);
      const { before, after, requirements, textBytes } = JSON.parse(r.stdout) as Record<string, number>;
      assert.equal(requirements, 1000);
      // Retaining a version per edit pair would add 150 × ~1.1 MB; allow a few versions' worth of noise.
      const grown = after - before;
      assert.ok(
        grown < 5 * textBytes,
        `live heap grew by ${(grown / 1048576).toFixed(1)} MiB over 300 edits (document: ${(textBytes / 1048576).toFixed(1)} MiB)`,
      );
    });
  }
});
