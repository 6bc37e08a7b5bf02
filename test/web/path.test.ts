/** The page's `node:path` (web/src/path.ts) against Node's `path.posix`, on generated paths. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as fc from 'fast-check';
import * as shim from '../../web/src/path.js';

// Segments as the page's paths hold them, with the awkward ones: '.', '..', dots in names.
const segment = fc.constantFrom('w', 'd1', '1', 'a.b', '.hidden', '..', '.', 'x y', 'ehch.spec.md');
const pathArb = fc
  .tuple(fc.boolean(), fc.array(segment, { maxLength: 6 }), fc.boolean())
  .map(([abs, segs, trailing]) => `${abs ? '/' : ''}${segs.join('/')}${trailing && segs.length ? '/' : ''}`);

describe('web page: node:path for the browser', () => {
  const posix = path.posix;
  // The page's current folder is `/`: Node's resolve and relative are compared from there.
  const fromRoot = (p: string) => (posix.isAbsolute(p) ? p : `/${p}`);

  it('normalize, join, dirname, basename, extname, isAbsolute equal path.posix', () => {
    fc.assert(
      fc.property(pathArb, pathArb, (a, b) => {
        assert.equal(shim.normalize(a), posix.normalize(a), `normalize(${a})`);
        assert.equal(shim.join(a, b), posix.join(a, b), `join(${a}, ${b})`);
        assert.equal(shim.dirname(a), posix.dirname(a), `dirname(${a})`);
        assert.equal(shim.basename(a), posix.basename(a), `basename(${a})`);
        assert.equal(shim.extname(a), posix.extname(a), `extname(${a})`);
        assert.equal(shim.isAbsolute(a), posix.isAbsolute(a));
      }),
      { numRuns: 2000 },
    );
  });

  it('resolve and relative equal path.posix from the root folder', () => {
    fc.assert(
      fc.property(pathArb, pathArb, pathArb, (a, b, c) => {
        assert.equal(shim.resolve(a, b, c), posix.resolve('/', a, b, c), `resolve(${a}, ${b}, ${c})`);
        assert.equal(shim.relative(a, b), posix.relative(fromRoot(a), fromRoot(b)), `relative(${a}, ${b})`);
      }),
      { numRuns: 2000 },
    );
  });
});
