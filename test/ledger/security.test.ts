/**
 * The ledger's HTML page escapes every text from specs, sidecars and paths: an XSS corpus in each place, the
 * page parsed with parse5 and walked (no script, no event attribute, no script URL), every entry shown as
 * text and never found verbatim in the markup.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ledgerHtml, ledgerMarkdown, ledgerText } from '../../server/src/cli/ledgerFormat.js';
import { ledgerJson } from '../../server/src/core/ledger/index.js';
import { runLedger } from '../../server/src/node/ledger.js';
import { scanHtml } from '../helpers/htmlScan.js';
import { ledgerOf, sidecarText, specText } from './helpers.js';

const CORPUS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  '</style><script>alert(1)</script>',
  '<svg onload=alert(1)>',
  "' onmouseover='alert(1)",
  '<!--',
  ']]>',
];

interface Place {
  name: string;
  /** Two versions in memory with `x` in this place. */
  build: (x: string) => Parameters<typeof ledgerOf>;
  /** What of the text is shown, when not all of it: a heading is rendered Markdown, so inline tags drop out. */
  shown?: (x: string) => string;
}

const headingText = (x: string) =>
  x
    .replace(/<\/?[A-Za-z][^<>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim();

const req = { id: 'X-1', title: 'Weekly round', prose: 'The network runs a weekly round.' };
const plain = (version: string, over: Partial<typeof req> & { funding?: string } = {}) => specText('rounds', version, [{ ...req, ...over }]);
const notes = (over: { reviewer?: string; id?: string; body?: string } = {}) => {
  const text = sidecarText('rounds.spec.md', over.reviewer ?? 'An LMC', [{ id: over.id ?? 'n-1', requirement: 'X-1', quote: 'weekly round' }]);
  return over.body === undefined ? text : `${text}    body: ${JSON.stringify(over.body)}\n`;
};

const PLACES: Place[] = [
  { name: 'front-matter version', build: (x) => [{ specs: [{ text: plain(x) }] }, { specs: [{ text: plain('v2') }] }] },
  {
    name: 'requirement title',
    build: (x) => [{ specs: [{ text: plain('v1') }] }, { specs: [{ text: plain('v2', { title: `Weekly round ${x}` }) }] }],
    shown: (x) => headingText(`Weekly round ${x}`),
  },
  { name: 'funding id', build: (x) => [{ specs: [{ text: plain('v1') }] }, { specs: [{ text: plain('v2', { funding: `arrs, ${x}` }) }] }] },
  { name: 'reviewer', build: (x) => [{ specs: [{ text: plain('v1') }], sidecars: [{ text: notes({ reviewer: x }) }] }, { specs: [{ text: plain('v2') }] }] },
  { name: 'note id', build: (x) => [{ specs: [{ text: plain('v1') }], sidecars: [{ text: notes({ id: x }) }] }, { specs: [{ text: plain('v2') }] }] },
  { name: 'note body', build: (x) => [{ specs: [{ text: plain('v1') }], sidecars: [{ text: notes({ body: x }) }] }, { specs: [{ text: plain('v2') }] }] },
  { name: 'version path', build: (x) => [{ path: x, specs: [{ text: plain('v1') }] }, { specs: [{ text: plain('v2') }] }] },
  {
    name: 'sidecar path',
    build: (x) => [{ specs: [{ text: plain('v1') }], sidecars: [{ file: x, text: notes() }] }, { specs: [{ text: plain('v2', { prose: 'Changed.' }) }] }],
  },
];

function problems(html: string, x: string, shown = x): string[] {
  const s = scanHtml(html, { strict: true });
  const out = [...s.violations];
  if (/[<>"']/.test(x) && html.includes(x)) out.push(`${JSON.stringify(x)} is in the markup unescaped`);
  if (/[<>"']/.test(shown) && html.includes(shown)) out.push(`${JSON.stringify(shown)} is in the markup unescaped`);
  if (!s.texts.some((t) => t.includes(shown))) out.push(`${JSON.stringify(shown)} is not shown as text`);
  return out;
}

describe('ledger: security', () => {
  it('escapes the XSS corpus in every place a spec, a sidecar or a path carries text into the HTML page', () => {
    const failures: string[] = [];
    for (const place of PLACES) {
      for (const x of CORPUS) {
        const html = ledgerHtml(ledgerOf(...place.build(x)));
        for (const p of problems(html, x, place.shown?.(x))) failures.push(`${place.name}: ${p}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  it('keeps the other formats safe too: JSON parses back to the same text, Markdown escapes markup', () => {
    for (const x of CORPUS) {
      const l = ledgerOf(...PLACES[5]!.build(x));
      assert.equal(JSON.parse(ledgerJson(l)).threads[0].notes[0].id, 'n-1');
      const reviewer = ledgerOf(...PLACES[3]!.build(x));
      assert.equal(Object.keys(JSON.parse(ledgerJson(reviewer)).summary.byReviewer)[0], x);
      const md = ledgerMarkdown(reviewer);
      if (/[<>]/.test(x)) assert.ok(!md.includes(x), `${x} unescaped in Markdown`);
      assert.ok(ledgerText(reviewer).includes(x));
    }
  });

  it('escapes markup in folder names read from disk', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-xss-'));
    const names = ['v1 "><svg onload=alert(1)>', "v2 ' onmouseover='alert(1)"];
    for (const [i, n] of names.entries()) {
      fs.mkdirSync(path.join(root, n));
      fs.writeFileSync(path.join(root, n, 'rounds.spec.md'), plain(`v${i + 1}`));
      fs.writeFileSync(path.join(root, n, 'rounds.review.yaml'), notes());
    }
    const { ledger } = runLedger(names.map((n) => path.join(root, n)));
    const html = ledgerHtml(ledger);
    for (const n of names) assert.deepEqual(problems(html, path.join(root, n)), []);
    fs.rmSync(root, { recursive: true, force: true });
  });
});
