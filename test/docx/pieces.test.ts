/**
 * The publication parses a spec's body in pieces cut at the headings the spec's own parse found (so a
 * redline parses what two versions share once): the result must be the whole-body parse's, on the samples,
 * the fixtures and random Markdown with containers, fences, HTML and headings that are not headings.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseSpec } from '../../server/src/core/parse.js';
import { buildPublication } from '../../server/src/docx/publication.js';
import { ROOT } from '../helpers/golden.js';
import { FIXTURES, samplesBasis } from './helpers.js';

const basis = samplesBasis();

function same(text: string): void {
  const spec = parseSpec(text);
  assert.deepEqual(buildPublication(spec, basis).units, buildPublication(spec, basis, { whole: true }).units);
}

describe('docx: the body parsed in pieces is the body parsed whole', () => {
  it('on the samples and fixtures', () => {
    const files = [
      ...['2019-12-draft', '2020-03-final'].flatMap((v) =>
        fs
          .readdirSync(path.join(ROOT, 'samples', v))
          .filter((f) => f.endsWith('.spec.md'))
          .map((f) => path.join(ROOT, 'samples', v, f)),
      ),
      path.join(FIXTURES, 'rich.spec.md'),
      path.join(FIXTURES, 'review.spec.md'),
    ];
    for (const f of files) same(fs.readFileSync(f, 'utf8'));
  });

  it('on random Markdown', () => {
    const line = fc.constantFrom(
      '### R-1: A requirement',
      '## A section',
      '#### R-2.1: Deeper',
      '# Title',
      'Setext section',
      '---',
      '===',
      '',
      '',
      'Some prose with **bold** and `code`.',
      'Plain prose, as most requirements have it.',
      'Plain text citing [PI-S] and [BMA-F, P1].',
      'A [link](https://example.org) in text.',
      '  indented continuation of plain text',
      'A line that ends with two spaces  ',
      'Text & more.',
      '+ a plus bullet',
      '- **Funding:** arrs',
      '  - **Owner:** nested field',
      '- a bullet',
      '- **Deadline:** 2020-09-30',
      '  - nested',
      '1. numbered',
      '> quoted',
      '> ### R-3: not a heading here',
      '```',
      '```workload',
      '- role: gp',
      '    indented code',
      '<div>',
      '</div>',
      '| a | b |',
      '|---|---|',
      '    ### R-4: indented, not a heading',
      '<!--',
      '-->',
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), (lines) => same(`---\nid: t\ntitle: T\n---\n${lines.join('\n')}\n`)),
      { numRuns: Number(process.env.DOCX_PIECES_RUNS ?? 300) },
    );
  });
});
