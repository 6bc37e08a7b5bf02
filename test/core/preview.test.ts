/** The preview's HTML: one card per requirement, and no markup from the spec survives. */
import * as assert from 'node:assert/strict';
import { checkSpec, defaultConfig, parseSpec } from '../../server/src/core/index.js';
import { costSpec } from '../../server/src/core/estimator/estimate.js';
import { previewBody } from '../../server/src/core/features/preview.js';
import { joinLines } from '../helpers/golden.js';

const XSS = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '</style><svg onload=alert(1)>', 'javascript:alert(1)'];

describe('preview', () => {
  it('renders a card per requirement with its fields, cost and diagnostics, all escaped', () => {
    const text = joinLines(
      '---',
      'id: x',
      `title: "${XSS[0]}"`,
      'version: 1',
      'status: draft',
      'published: 2020-03-31',
      '---',
      `## ${XSS[2]}`,
      `### X-1: ${XSS[1]}`,
      `- **Deadline:** ${XSS[3]}`,
      '- **Funding:** none',
      `- **Deliverability:** red: ${XSS[0]}`,
      '',
      '```workload',
      'role: gp',
      'minutes: 60',
      'every: week',
      'per: pcn',
      '```',
      '### X-2: Second',
      '- **Deadline:** 2020-10-01',
    );
    const spec = parseSpec(text);
    const config = defaultConfig();
    const html = previewBody(spec, checkSpec(spec, { config }), costSpec(spec, config.config), 'default');
    assert.equal((html.match(/<article /g) ?? []).length, 2);
    assert.ok(!/<script|<img|<svg|<\/style>/i.test(html), html);
    assert.ok(!/<[^>]+\son\w+\s*=/i.test(html), 'an event attribute inside a tag');
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(html, /class="card rating-red status-error"/);
    assert.match(html, /£5,200 per PCN/);
    assert.match(html, /<code>invalid-deadline<\/code>/);
    assert.match(html, /<dd class="missing">missing<\/dd>/);
    assert.match(html, new RegExp(`data-offset="${spec.requirements[0]!.headingRange.start}"`));
  });
});
