/** Builders for spec texts used across tests (also by the benchmark's generator). */

export interface GenOptions {
  requirements: number;
  /** Requirements per section. */
  perSection?: number;
  seed?: number;
}

export function frontMatter(extra = ''): string {
  return (
    ['---', 'id: gen', 'title: Generated spec', 'version: 2020-03-final', 'status: final', 'published: 2020-03-31', extra, '---', '']
      .filter((l) => l !== '')
      .join('\n') + '\n'
  );
}

export function requirement(id: string, i: number): string {
  const problems = i % 7;
  const lines = [
    `### ${id}: Requirement number ${i}`,
    `The network reviews cohort ${i} and records the outcome in the clinical system. Each practice in the network`,
    'identifies the patients concerned from its register, invites them by letter or text message, and offers an',
    'appointment with a suitable clinician. Where a patient declines, the reason is coded and the invitation is',
    'repeated once. The clinical director reports progress to the commissioner at the end of each quarter.',
    '',
  ];
  lines.push(`- **Deadline:** ${problems === 1 ? '2020-04-01' : '2020-10-01'}`);
  if (problems !== 2) lines.push(`- **Funding:** ${problems === 3 ? 'arrs, care-home-premum' : 'arrs'}`);
  lines.push(`- **Deliverability:** ${problems === 4 ? 'TBC' : 'amber: needs one extra session a week'}`);
  if (problems === 5)
    lines.push('', '```workload', '- role: clinical-pharmacist', '  minutes: 45', '  every: year', '  per: patient', '  rate-per-1000: 20', '```');
  return lines.join('\n') + '\n';
}

/** A spec with `n` requirements in sections of `perSection`, with a realistic mix of findings. */
export function generateSpec({ requirements: n, perSection = 10 }: GenOptions): string {
  const parts = [frontMatter(), '# Generated specification', '', 'Introductory text for the generated specification.', ''];
  for (let i = 1; i <= n; i++) {
    if ((i - 1) % perSection === 0) parts.push(`## Section ${Math.floor((i - 1) / perSection) + 1}`, '');
    parts.push(requirement(`GEN-${i}`, i));
  }
  return parts.join('\n');
}

/**
 * A workspace of `n` specs of `perSpec` requirements each (~10 KB per spec at 18), with cross-spec
 * references: every spec's first requirement depends on a requirement of the next spec. Returns the
 * files as (relative path, text) pairs; the benchmark writes them out.
 */
export function generateWorkspace(n: number, perSpec = 18): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  for (let s = 1; s <= n; s++) {
    const id = `ws-${s}`;
    const next = (s % n) + 1;
    const parts = [frontMatter().replace('id: gen', `id: ${id}`).replace('title: Generated spec', `title: Workspace spec ${s}`), `# Workspace spec ${s}`, ''];
    for (let i = 1; i <= perSpec; i++) {
      if ((i - 1) % 6 === 0) parts.push(`## Part ${Math.floor((i - 1) / 6) + 1}`, '');
      let req = requirement(`W${s}-${i}`, i);
      if (i === 1) req = req.replace('- **Deadline:**', `- **Depends on:** ws-${next}/W${next}-2\n- **Deadline:**`);
      parts.push(req);
    }
    out.push({ file: `group-${Math.ceil(s / 50)}/${id}.spec.md`, text: parts.join('\n') });
  }
  return out;
}

/**
 * A requirement as an import from Word leaves it: prose with a link and a prescribed frequency, a table, a
 * nested list, a quoted note, and placeholders in Funding and Deliverability — about 3 findings each
 * (placeholder Funding, placeholder Deliverability, a frequency with no workload; every 4th has a short
 * lead time instead of the frequency, every 9th also an unknown funding source).
 */
export function denseRequirement(id: string, i: number): string {
  const lines = [
    `### ${id}: Requirement number ${i}`,
    `The network reviews cohort ${i} ${i % 4 === 0 ? 'as needed' : 'weekly'} and records the outcome, as the [guidance](https://example.org/guidance/${i}) sets out.`,
    'Each practice identifies the patients concerned from its register and offers an appointment.',
    '',
    '| Measure | Target | Reported |',
    '|---|---:|---|',
    `| Patients reviewed in cohort ${i} | 90% | each quarter |`,
    '| Care plans shared with the care home | 100% | at year end |',
    '',
    '> The clinical director agrees the list of patients with the [commissioner](https://example.org/commissioner) first.',
    '> Practices keep the agreed list in the clinical system.',
    '',
    '- Each practice:',
    '  - identifies the patients from its register;',
    '  - invites them by letter or text message:',
    '    1. a first invitation;',
    '    2. a reminder after two weeks.',
    '',
    `- **Deadline:** ${i % 4 === 0 ? '2020-04-01' : '2020-10-01'}`,
    `- **Funding:** ${i % 9 === 0 ? 'TBC, care-home-premum' : 'TBC'}`,
    '- **Deliverability:** TBC',
  ];
  return lines.join('\n') + '\n';
}

/** A spec of `n` dense requirements (see `denseRequirement`), in sections of `perSection`. */
export function generateDenseSpec({ requirements: n, perSection = 10 }: GenOptions): string {
  const parts = [frontMatter().replace('id: gen', 'id: dense'), '# Generated specification (imported from Word)', '', 'Introductory text.', ''];
  for (let i = 1; i <= n; i++) {
    if ((i - 1) % perSection === 0) parts.push(`## Section ${Math.floor((i - 1) / perSection) + 1}`, '');
    parts.push(denseRequirement(`DEN-${i}`, i));
  }
  return parts.join('\n');
}
