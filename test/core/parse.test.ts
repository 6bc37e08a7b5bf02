import * as assert from 'node:assert/strict';
import { parseSpec, field } from '../../server/src/core/index.js';
import { joinLines, markers } from '../helpers/golden.js';

const FM = joinLines('---', 'id: ehch', 'title: Enhanced Health in Care Homes', 'version: 2019-12-draft', 'status: draft', 'published: 2019-12-23', '---');

function slice(text: string, r: { start: number; end: number }): string {
  return text.slice(r.start, r.end);
}

describe('parseSpec', () => {
  it('reads requirements, fields and their exact ranges', () => {
    const { text, offsets } = markers(
      joinLines(
        FM,
        '# EHCH',
        '## Care homes',
        '### $$EHCH-3$$: $$Fortnightly GP-led home round$$',
        'Every care home receives a weekly home round.',
        '',
        '- **Deadline:** $$2020-09-30$$',
        '- **Funding:** $$care-home-premium$$, $$arrs$$',
        '- **Deliverability**: $$red: needs ~1 GP session per home per fortnight$$',
        '- **Depends on:** EHCH-1',
      ),
    );
    const spec = parseSpec(text);
    assert.equal(spec.requirements.length, 1);
    const req = spec.requirements[0]!;
    assert.equal(req.id, 'EHCH-3');
    assert.equal(req.title, 'Fortnightly GP-led home round');
    assert.equal(req.section, 'Care homes');
    assert.equal(req.depth, 3);
    assert.deepEqual(req.idRange, { start: offsets[0], end: offsets[1] });
    assert.deepEqual(req.titleRange, { start: offsets[2], end: offsets[3] });
    const deadline = field(req, 'deadline')!;
    assert.equal(deadline.value, '2020-09-30');
    assert.deepEqual(deadline.valueRange, { start: offsets[4], end: offsets[5] });
    const funding = field(req, 'funding')!;
    assert.deepEqual(
      funding.parts.map((p) => [p.text, p.range]),
      [
        ['care-home-premium', { start: offsets[6], end: offsets[7] }],
        ['arrs', { start: offsets[8], end: offsets[9] }],
      ],
    );
    const deliverability = field(req, 'Deliverability')!;
    assert.equal(deliverability.label, 'Deliverability');
    assert.deepEqual(deliverability.valueRange, { start: offsets[10], end: offsets[11] });
    assert.equal(field(req, 'depends on')!.value, 'EHCH-1');
  });

  it('reads the front-matter as YAML 1.2 core: dates stay strings', () => {
    const spec = parseSpec(joinLines(FM, '# x'));
    assert.equal(spec.frontMatter.values.published, '2019-12-23');
    assert.equal(spec.frontMatter.values.status, 'draft');
    assert.deepEqual(spec.frontMatter.problems, []);
  });

  it('ends a requirement at the next heading of the same or a higher level, or any requirement heading', () => {
    const spec = parseSpec(
      joinLines(
        FM,
        '## SMR-2: Parent',
        '#### Notes',
        '- **Deadline:** 2020-10-01',
        '### SMR-2.1: Child',
        '- **Deadline:** 2021-03-31',
        '## Other section',
        '- **Deadline:** 2022-01-01',
      ),
    );
    assert.deepEqual(
      spec.requirements.map((r) => [r.id, r.fields.map((f) => f.value)]),
      [
        ['SMR-2', ['2020-10-01']],
        ['SMR-2.1', ['2021-03-31']],
      ],
    );
    // `#### Notes` belonged to SMR-2's body; it is not SMR-2.1's section.
    assert.equal(spec.requirements[1]!.section, undefined);
  });

  it('counts only top-level headings of levels 2-4 as requirements', () => {
    const spec = parseSpec(
      joinLines(
        FM,
        '# X-1: Level one is a title',
        '> ### X-2: In a quote',
        '- ### X-3: In a list',
        '```',
        '### X-4: In code',
        '```',
        '##### X-5: Level five',
        '### X-6: Real',
      ),
    );
    assert.deepEqual(
      spec.requirements.map((r) => r.id),
      ['X-6'],
    );
  });

  it('handles CRLF line endings and a BOM: ranges index the BOM-less text', () => {
    const lf = joinLines(FM, '### EHCH-1: Lead', '- **Deadline:** 2020-06-30', '');
    const crlf = '\uFEFF' + lf.replace(/\n/g, '\r\n');
    const spec = parseSpec(crlf);
    const req = spec.requirements[0]!;
    assert.equal(spec.text.charCodeAt(0), '-'.charCodeAt(0));
    assert.equal(slice(spec.text, req.idRange), 'EHCH-1');
    const deadline = field(req, 'deadline')!;
    assert.equal(slice(spec.text, deadline.valueRange), '2020-06-30');
    assert.deepEqual(spec.frontMatter.problems, []);
  });

  it('measures positions in UTF-16 code units', () => {
    const { text, offsets } = markers(joinLines(FM, '### EHCH-1: Care 🏥 homes — lead', '- **Owner:** $$Clinical director 👩‍⚕️$$'));
    const spec = parseSpec(text);
    assert.deepEqual(field(spec.requirements[0]!, 'owner')!.valueRange, { start: offsets[0], end: offsets[1] });
  });

  it('reads workload blocks with node ranges mapped into the file, also inside list items', () => {
    const { text, offsets } = markers(
      joinLines(FM, '### EHCH-3: Round', '```workload', '- role: $$gp$$', '  minutes: 60', '```', '- Item', '', '  ```workload', '  role: $$admin$$', '  ```'),
    );
    const spec = parseSpec(text);
    const blocks = spec.requirements[0]!.workload;
    assert.equal(blocks.length, 2);
    const role = blocks[0]!.items[0]!.entries.find((e) => e.key === 'role')!;
    assert.deepEqual(role.valueRange, { start: offsets[0], end: offsets[1] });
    assert.equal(role.value, 'gp');
    const nested = blocks[1]!.items[0]!.entries[0]!;
    assert.deepEqual(nested.valueRange, { start: offsets[2], end: offsets[3] });
  });

  it('reports an unterminated front-matter and still reads the rest as Markdown', () => {
    const spec = parseSpec(joinLines('---', 'id: x', '', '### X-1: Still read', '- **Deadline:** 2020-10-01'));
    assert.equal(spec.frontMatter.terminated, false);
    assert.match(spec.frontMatter.problems[0]!.message, /never closed/);
    assert.deepEqual(
      spec.requirements.map((r) => r.id),
      ['X-1'],
    );
  });

  it('points a YAML syntax error in the front-matter at the line YAML reports', () => {
    const text = joinLines('---', 'id: x', 'title: [unclosed', 'version: 1', '---', '');
    const spec = parseSpec(text);
    const syntax = spec.frontMatter.problems.filter((p) => p.kind === 'syntax');
    assert.ok(syntax.length >= 1);
    const line = text.slice(0, syntax[0]!.range.start).split('\n').length;
    assert.ok(line >= 3 && line <= 5, `error on line ${line}`);
  });

  it('never throws on hostile input', () => {
    for (const input of [
      '',
      '---',
      '---\n',
      '\uFEFF',
      '\0\0\0',
      '---\n&a [*a, *a]\n---',
      '```workload\n',
      '### X-1: t\n```workload\n*x\n```',
      '#'.repeat(1000),
    ]) {
      assert.doesNotThrow(() => parseSpec(input), JSON.stringify(input));
    }
  });
});
