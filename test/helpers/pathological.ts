/**
 * Hostile inputs, shared by the pathological-input tests (test/core/pathological.test.ts) and the
 * benchmark (`npm run bench:pathological`). Every spec case ends with the same sentinel requirement, so
 * a test can check that what follows the hostile part is still analysed ("nothing lost").
 */
import { frontMatter } from './specs.js';

export const SENTINEL_ID = 'Z-9';
export const SENTINEL = [
  '',
  `### ${SENTINEL_ID}: Sentinel`,
  'The network names a lead and tells the commissioner.',
  '',
  '- **Deadline:** 2021-03-31',
  '- **Funding:** arrs',
  '- **Deliverability:** green: staff in post',
  '',
].join('\n');

const spec = (body: string, fm = frontMatter()): string => `${fm}# Hostile\n\n### X-1: Hostile requirement\n${body}\n${SENTINEL}`;

const ALIAS_BOMB = [
  'a: &a [x, x, x, x, x, x, x, x, x]',
  'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
  'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
  'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
  'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
  'f: [*e, *e, *e, *e, *e, *e, *e, *e, *e]',
];

export interface SpecCase {
  name: string;
  /** `scale` multiplies the size (the benchmark uses it to check growth is linear). */
  make(scale?: number): string;
  /** Whether the sentinel requirement must come through intact (false for inputs with no body). */
  sentinel: boolean;
  /** A string of the hostile part that must still be in the requirement's prose (nothing lost). */
  kept?: string;
}

export const SPEC_CASES: SpecCase[] = [
  {
    name: 'a 10 MB single line',
    make: (s = 1) => spec('a '.repeat(5_000_000 * s) + 'KEPT-TAIL'),
    sentinel: true,
    kept: 'KEPT-TAIL',
  },
  { name: 'a 1 MB single line', make: (s = 1) => spec('a '.repeat(500_000 * s) + 'KEPT-TAIL'), sentinel: true, kept: 'KEPT-TAIL' },
  { name: '50,000 nested block quotes', make: (s = 1) => spec('>'.repeat(50_000 * s) + ' KEPT-QUOTE'), sentinel: true, kept: 'KEPT-QUOTE' },
  { name: '50,000 nested list items on one line', make: (s = 1) => spec('- '.repeat(50_000 * s) + 'KEPT-ITEM'), sentinel: true, kept: 'KEPT-ITEM' },
  {
    name: '50,000 nested list items, one per line',
    // Indentation grows by two columns per item, wrapping at 200 (a 50,000-deep staircase would be 2.5 GB).
    make: (s = 1) => spec(Array.from({ length: 50_000 * s }, (_, i) => ' '.repeat((i * 2) % 200) + '- item').join('\n') + '\n\nKEPT-AFTER-LIST'),
    sentinel: true,
    kept: 'KEPT-AFTER-LIST',
  },
  {
    name: '1,000 nested list items, one per line (1 MB staircase)',
    make: (s = 1) => spec(Array.from({ length: 1_000 * s }, (_, i) => '  '.repeat(i % 1_000) + '* a').join('\n') + '\n\nKEPT-AFTER-LIST'),
    sentinel: true,
    kept: 'KEPT-AFTER-LIST',
  },
  { name: 'a YAML alias bomb in front-matter', make: () => spec('Body.', frontMatter(ALIAS_BOMB.join('\n'))), sentinel: true },
  {
    name: 'a YAML alias bomb in a workload block',
    make: () => spec(['Body.', '', '```workload', ...ALIAS_BOMB, '- role: gp', '  minutes: *a', '```'].join('\n')),
    sentinel: true,
  },
  {
    name: '__proto__ and constructor keys',
    make: () =>
      spec(
        [
          'Body.',
          '',
          '- **__proto__:** x',
          '- **constructor:** y',
          '',
          '```workload',
          '- __proto__: {polluted: true}',
          '  constructor: {prototype: {polluted: true}}',
          '  role: gp',
          '  minutes: 5',
          '```',
        ].join('\n'),
        frontMatter('__proto__: {polluted: true}\nconstructor: x\nprototype: y'),
      ),
    sentinel: true,
  },
  { name: 'a byte-order mark', make: () => '\uFEFF' + spec('Body.'), sentinel: true },
  { name: 'CRLF line endings', make: () => spec('Body.').replace(/\n/g, '\r\n'), sentinel: true },
  {
    name: 'mixed line endings',
    make: () =>
      spec('Body.')
        .split('\n')
        .map((l, i) => l + ['\n', '\r\n', '\r\n', '\n'][i % 4])
        .join(''),
    sentinel: true,
  },
  { name: 'NUL bytes', make: () => spec('Bo\0dy \0\0 with NULs.\0').replace('id: gen', 'id: g\0en'), sentinel: true },
  { name: 'lone surrogates (invalid UTF-16, as decoded invalid UTF-8 may give)', make: () => spec('Bad \uD800 and \uDC00 halves \uFFFD.'), sentinel: true },
  {
    name: 'huge and negative numbers',
    make: () =>
      spec(
        [
          'Body.',
          '',
          '```workload',
          '- role: gp',
          '  minutes: 1e308',
          '  every: week',
          '- role: gp',
          '  minutes: -5',
          '- role: gp',
          '  minutes: 99999999999999999999999999999',
          '  rate-per-1000: -1e-320',
          '- role: gp',
          '  minutes: .nan',
          '- role: gp',
          '  minutes: .inf',
          '```',
        ].join('\n'),
      ),
    sentinel: true,
  },
  {
    name: 'impossible dates',
    make: () =>
      spec(
        'Body.\n\n- **Deadline:** 2020-02-30\n- **Funding:** arrs\n- **Deliverability:** green',
        frontMatter().replace('published: 2020-03-31', 'published: 9999-99-99\nconsultation-closes: 275760-09-14'),
      ),
    sentinel: true,
  },
  { name: 'an empty file', make: () => '', sentinel: false },
  { name: 'a file that is only ---', make: () => '---', sentinel: false },
  { name: 'a file that is only ---, newline', make: () => '---\n', sentinel: false },
  {
    name: '100,000 requirements',
    make: (s = 1) =>
      frontMatter() + '# Many\n\n' + Array.from({ length: 100_000 * s }, (_, i) => `### M-${i + 1}: R\n- **Deadline:** 2021-03-31\n`).join('') + SENTINEL,
    sentinel: true,
  },
];

export interface YamlCase {
  name: string;
  text: string;
}

/** Configurations and review sidecars: each is also parsed as the other kind. */
export const YAML_CASES: YamlCase[] = [
  { name: 'an alias bomb', text: ALIAS_BOMB.join('\n') + '\nestimator: *a\nnotes: *a\n' },
  { name: 'an alias bomb in a known key', text: ALIAS_BOMB.join('\n') + '\nfunding:\n  sources: *e\nspec: x.spec.md\nnotes: *e\n' },
  {
    name: '__proto__ keys',
    text: '__proto__: {polluted: true}\nconstructor: {prototype: {polluted: true}}\nestimator:\n  __proto__: {polluted: true}\nrules:\n  __proto__: {severity: off}\nprofiles:\n  __proto__: {estimator: {}}\nspec: x.spec.md\nnotes:\n  - __proto__: {polluted: true}\n    id: n1\n    requirement: X-1\n',
  },
  {
    name: 'huge and negative numbers',
    text: 'estimator:\n  hours-per-wte: 1e308\n  pcns: -5\n  practices-per-pcn: 1e-320\n  patients-per-practice: .nan\nroles:\n  gp: {hourly-cost: .inf}\n',
  },
  { name: 'NUL bytes and lone surrogates', text: 'spec: x\0.spec.md\nreviewer: \uD800\nnotes: []\nestimator: {pcns: "\0"}\n' },
  { name: 'an empty file', text: '' },
  { name: 'only ---', text: '---' },
  { name: 'a 1 MB scalar', text: 'reviewer: ' + 'a'.repeat(1_000_000) + '\n' },
  { name: '10,000 nested flow sequences', text: 'estimator: ' + '['.repeat(10_000) + ']'.repeat(10_000) + '\n' },
];
