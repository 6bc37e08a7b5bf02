/**
 * Hardening, security part.
 *
 * 1. Every HTML output escapes user text: an XSS corpus is put in every place a spec, a review sidecar or a
 *    configuration can carry text, and every HTML output (cost report, diff report, the preview and compare
 *    webview bodies, the webview page around them) is produced through the functions the CLI and the
 *    language server use, then parsed with a real HTML parser (parse5) and walked.
 * 2. Configuration and sidecars are data, never code; a sidecar's `spec:` never leads outside the workspace
 *    (`..`, absolute paths, symlinks), and a spec outside it is never read.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire, register, syncBuiltinESMExports } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { run } from './helpers/cli.js';
import { type HtmlNode, scanHtml } from './helpers/htmlScan.js';
import { parse, parseFragment } from 'parse5';
import { ROOT, joinLines } from './helpers/golden.js';
import { inProcess, type TestClient } from './helpers/lspClient.js';
import { esc } from '../server/src/core/html.js';
import { previewBody } from '../server/src/core/features/preview.js';
import { diffBody } from '../server/src/core/diff/html.js';
import { diffSpecs } from '../server/src/core/diff/diff.js';
import { costSpec } from '../server/src/core/estimator/estimate.js';
import { runCheck } from '../server/src/node/check.js';
import { runReview } from '../server/src/node/review.js';
import { nodeProject, type Project } from '../server/src/node/project.js';
import { ReadError } from '../server/src/node/files.js';
import type { SpecModel } from '../server/src/core/model.js';
import type { LoadedConfig } from '../server/src/core/config.js';

// --- the corpus --------------------------------------------------------------------------------------------

const CORPUS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '[x](javascript:alert(1))',
  '<a href="javascript:alert(1)">x</a>',
  '</style><script>alert(1)</script>',
  '<svg onload=alert(1)>',
  "' onmouseover='alert(1)",
  '<!--',
  ']]>',
];

// --- the HTML checker -------------------------------------------------------------------------------------

/** Every check on one output for one corpus entry; returns what is wrong (empty when fine). */
function problemsOf(html: string, x: string, options: { fragment?: boolean; nonce?: string; mustShow: boolean; shown?: string }): string[] {
  const s = scanHtml(html, options);
  const out = [...s.violations];
  // Text with a markup character must never reach the output verbatim: it is always escaped.
  if (/[<>"']/.test(x) && html.includes(x)) out.push(`the text ${JSON.stringify(x)} is in the output unescaped`);
  const shown = options.shown ?? x;
  if (shown !== x && /[<>"']/.test(shown) && html.includes(shown)) out.push(`the text ${JSON.stringify(shown)} is in the output unescaped`);
  if (options.mustShow && shown && !s.texts.some((t) => t.includes(shown)))
    out.push(`the text ${JSON.stringify(shown)} is not shown (no element's text contains it)`);
  return out;
}

// --- a workspace carrying the corpus in one place -----------------------------------------------------------

interface Params {
  title: string;
  version: string;
  section: string;
  reqTitle: string;
  prose: string;
  deadline: string;
  funding: string;
  deliverability: string;
  owner: string;
  role: string;
  reviewer: string;
  author: string;
  body: string;
  roleLabel: string;
  sourceId: string;
  sourceLabel: string;
}

const DEFAULTS: Params = {
  title: 'Care home rounds',
  version: '2',
  section: 'Rounds',
  reqTitle: 'Weekly round',
  prose: 'The network runs a weekly round in each home.',
  deadline: '2021-01-01',
  funding: 'core-pcn',
  deliverability: 'green: staff in post',
  owner: 'PCN clinical director',
  role: 'gp',
  reviewer: 'An LMC',
  author: 'LMC secretary',
  body: 'Who pays for this',
  roleLabel: 'GP',
  sourceId: 'core-pcn',
  sourceLabel: 'Core PCN funding',
};

/** The old version a diff compares against: the defaults, with a few fields changed so the diff shows them. */
const OLD: Params = { ...DEFAULTS, version: '1', prose: 'The network runs in each home.', deadline: '2020-12-01' };

/** YAML scalars are written as JSON strings (valid YAML), so any text stays one scalar. */
const y = (s: string) => JSON.stringify(s);

function specText(p: Params): string {
  return joinLines(
    '---',
    'id: rounds',
    `title: ${y(p.title)}`,
    `version: ${y(p.version)}`,
    'status: draft',
    'published: 2020-01-01',
    '---',
    '# Care home rounds',
    '',
    `## ${p.section}`,
    '',
    `### RND-1: ${p.reqTitle}`,
    p.prose,
    '',
    `- **Deadline:** ${p.deadline}`,
    `- **Funding:** ${p.funding}`,
    `- **Deliverability:** ${p.deliverability}`,
    `- **Owner:** ${p.owner}`,
    '',
    '```workload',
    `- role: ${y(p.role)}`,
    '  minutes: 60',
    '  every: week',
    '  per: pcn',
    '```',
    '',
  );
}

function configText(p: Params): string {
  return joinLines(
    'estimator:',
    '  roles:',
    `    gp: { hourly-cost: 68, label: ${y(p.roleLabel)} }`,
    'funding:',
    '  sources:',
    `    ${y(p.sourceId)}: { label: ${y(p.sourceLabel)}, per-patient-per-year: 1.5 }`,
    '',
  );
}

function reviewText(p: Params): string {
  return joinLines(
    'spec: rounds.spec.md',
    `reviewer: ${y(p.reviewer)}`,
    'notes:',
    '  - id: n-1',
    '    requirement: RND-1',
    '    stance: object',
    '    status: open',
    `    author: ${y(p.author)}`,
    '    created: 2020-01-10',
    `    body: ${y(p.body)}`,
    '',
  );
}

type Output = 'cost-html' | 'diff-html' | 'preview' | 'compare' | 'preview-page' | 'compare-page';

/**
 * A heading's text as the model reads it: rendered Markdown, so a link shows its text and inline HTML tags
 * are left out (server/src/core/markdown.ts, toText); the rest is shown, escaped. A requirement title also
 * has its whitespace runs collapsed.
 */
function headingText(x: string): string {
  return x
    .replace(/\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)/g, '$1')
    .replace(/<\/?[A-Za-z][^<>]*>/g, '')
    .trim();
}

interface Place {
  name: string;
  set: (x: string) => Partial<Params>;
  /** What of the text is shown, when not all of it (Markdown headings are rendered). */
  shown?: (x: string) => string;
  /** Outputs that show this text (from reading the renderers); the others must still be safe. */
  shows: Output[];
}

const PLACES: Place[] = [
  { name: 'spec title (front-matter)', set: (x) => ({ title: x }), shows: ['preview', 'cost-html', 'compare'] },
  { name: 'spec version (front-matter)', set: (x) => ({ version: x }), shows: ['preview', 'cost-html', 'compare'] },
  { name: 'section heading', set: (x) => ({ section: `Rounds ${x} here` }), shown: (x) => headingText(`Rounds ${x} here`), shows: ['preview'] },
  {
    name: 'requirement title',
    set: (x) => ({ reqTitle: `Round ${x} weekly` }),
    shown: (x) => headingText(`Round ${x} weekly`).replace(/\s+/g, ' '),
    shows: ['preview', 'cost-html', 'diff-html', 'compare'],
  },
  { name: 'requirement prose', set: (x) => ({ prose: `The network runs ${x} in each home.` }), shows: ['diff-html', 'compare'] },
  { name: 'Deadline value', set: (x) => ({ deadline: x }), shows: ['preview', 'diff-html', 'compare'] },
  { name: 'Funding value', set: (x) => ({ funding: x }), shows: ['preview', 'diff-html', 'compare'] },
  { name: 'Deliverability value', set: (x) => ({ deliverability: `red: ${x}` }), shows: ['preview'] },
  { name: 'Owner value', set: (x) => ({ owner: x }), shows: ['preview'] },
  { name: 'workload role name', set: (x) => ({ role: x }), shows: ['preview'] },
  { name: 'review note body', set: (x) => ({ body: x }), shows: ['preview'] },
  { name: 'reviewer name', set: (x) => ({ reviewer: x }), shows: ['preview'] },
  // The author and a role's label are in no HTML output today; they are still checked to be harmless.
  { name: 'review note author', set: (x) => ({ author: x }), shows: [] },
  { name: 'config role label', set: (x) => ({ roleLabel: x }), shows: [] },
  { name: 'config funding source name', set: (x) => ({ sourceId: x, funding: x }), shows: ['preview', 'cost-html', 'diff-html', 'compare'] },
  { name: 'config funding source label', set: (x) => ({ sourceLabel: x }), shows: ['cost-html'] },
];

function writeVersion(dir: string, p: Params, withReview: boolean): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'rounds.spec.md'), specText(p));
  fs.writeFileSync(path.join(dir, 'service-spec.config.yaml'), configText(p));
  if (withReview) fs.writeFileSync(path.join(dir, 'rounds.review.yaml'), reviewText(p));
}

function loaded(project: Project, abs: string): { model: SpecModel; config: LoadedConfig } {
  const model = project.spec(abs);
  if (model instanceof ReadError) throw model;
  const config = project.config(project.configPathFor(abs));
  if (config instanceof ReadError) throw config;
  return { model, config };
}

// The webview page (client/src/preview.ts) imports `vscode`, which exists only inside the editor. Its
// `page()` is pure: load the compiled module with `vscode` resolved to an empty module, for that file only.
type PageFn = (body: string) => string;
let page: PageFn | undefined;
const PREVIEW_JS = path.join(ROOT, 'out/client/src/preview.js');

async function loadPage(): Promise<PageFn> {
  if (page) return page;
  const hooks = `export async function resolve(specifier, context, next) {
    if (specifier === 'vscode' && context.parentURL === ${JSON.stringify(pathToFileURL(PREVIEW_JS).href)}) return { url: 'data:text/javascript,export{}', shortCircuit: true };
    return next(specifier, context);
  }`;
  register(`data:text/javascript,${encodeURIComponent(hooks)}`);
  const mod = (await import(pathToFileURL(PREVIEW_JS).href)) as { page: PageFn };
  return (page = mod.page);
}

/** The nonce a page's Content-Security-Policy allows, and the policy itself. */
function cspOf(html: string): { csp: string; nonce: string } {
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
  assert.ok(csp, 'the page has a Content-Security-Policy meta element');
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  assert.ok(nonce, 'the policy names a nonce');
  return { csp, nonce };
}

/** Every HTML output for one workspace, through the functions the CLI and the language server call. */
function outputs(base: string, pageFn: PageFn): Record<Output, string> {
  const cost = run(['cost', 'new', '--format', 'html'], base);
  assert.equal(cost.code, 0, cost.stderr);
  const diff = run(['diff', 'old', 'new', '--format', 'html'], base);
  assert.equal(diff.code, 0, diff.stderr);
  // serviceSpec/preview: previewBody over the spec's diagnostics (review sidecars included) and its cost.
  const project = nodeProject();
  const newAbs = path.join(base, 'new/rounds.spec.md');
  const now = loaded(project, newAbs);
  const checked = runCheck([path.join(base, 'new')], {}, project).files.find((f) => f.kind === 'spec');
  assert.ok(checked, 'the spec was checked');
  const preview = previewBody(now.model, checked.diagnostics, costSpec(now.model, now.config.config), now.config.profile);
  // serviceSpec/compare: diffBody of the two versions, labelled by their versions.
  const before = loaded(project, path.join(base, 'old/rounds.spec.md'));
  const d = diffSpecs(before.model, now.model, before.config.config, now.config.config);
  const compare = diffBody(d, before.model.frontMatter.values.version ?? 'old', now.model.frontMatter.values.version ?? 'this version');
  return { 'cost-html': cost.stdout, 'diff-html': diff.stdout, preview, compare, 'preview-page': pageFn(preview), 'compare-page': pageFn(compare) };
}

function problemsOfOutput(name: Output, html: string, x: string, mustShow: boolean, shown?: string): string[] {
  if (name === 'preview' || name === 'compare') return problemsOf(html, x, { fragment: true, mustShow, shown });
  if (name === 'preview-page' || name === 'compare-page') return problemsOf(html, x, { nonce: cspOf(html).nonce, mustShow, shown });
  return problemsOf(html, x, { mustShow, shown });
}

// --- the tests ---------------------------------------------------------------------------------------------

describe('security: HTML outputs escape user text', () => {
  let tmp: string;
  let pageFn: PageFn;

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sssec-'));
    pageFn = await loadPage();
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  describe('the checker itself fails on unescaped markup (so the assertions below can fail)', () => {
    for (const x of CORPUS) {
      it(`flags ${JSON.stringify(x)} pasted raw, and passes it escaped`, () => {
        const contexts = [
          (s: string) => `<p>${s}</p>`,
          (s: string) => `<p title="${s}">t</p>`,
          (s: string) => `<p title='${s}'>t</p>`,
          (s: string) => `<a href="${s}">t</a>`,
          (s: string) => `<style>p{}${s}</style><p>t</p>`,
          // What a Markdown renderer that kept links would produce.
          (s: string) => `<p>${s.replace(/\[([^\]]*)\]\(((?:[^()]|\([^()]*\))*)\)/g, '<a href="$2">$1</a>')}</p>`,
        ];
        const raw = contexts.map((c) => problemsOf(`<!DOCTYPE html><html><body>${c(x)}</body></html>`, x, { mustShow: false }).length);
        assert.ok(
          raw.some((n) => n > 0),
          `no context flags ${x} unescaped`,
        );
        const inText = problemsOf(`<!DOCTYPE html><html><body><p>${x}</p></body></html>`, x, { mustShow: true });
        if (/[<>"']/.test(x)) assert.ok(inText.length > 0, 'a raw markup character is flagged');
        for (const c of contexts.slice(0, 3))
          assert.deepEqual(problemsOf(`<!DOCTYPE html><html><body>${c(esc(x))}</body></html>`, x, { mustShow: false }), [], c(esc(x)));
        assert.deepEqual(problemsOf(`<p>${esc(x)}</p>`, x, { fragment: true, mustShow: true }), []);
        // An empty output, or one that drops the text, fails.
        assert.ok(problemsOf('', x, { fragment: true, mustShow: true }).length > 0);
        assert.ok(problemsOf('<p>dropped</p>', x, { fragment: true, mustShow: true }).length > 0);
      });
    }
    it('flags a script without the nonce, a javascript: URL, an event attribute and a comment', () => {
      assert.ok(scanHtml('<script>1</script>', { fragment: true }).violations.length);
      assert.ok(scanHtml('<script nonce="a">1</script>', { fragment: true, nonce: 'b' }).violations.length);
      assert.deepEqual(scanHtml('<script nonce="b">1</script>', { fragment: true, nonce: 'b' }).violations, []);
      assert.ok(scanHtml('<a href=" JaVa\tScRiPt:alert(1)">x</a>', { fragment: true }).violations.length);
      assert.ok(scanHtml('<svg><a xlink:href="javascript:alert(1)">x</a></svg>', { fragment: true }).violations.length);
      assert.ok(scanHtml('<a href="data:text/html,<b>">x</a>', { fragment: true }).violations.length);
      assert.ok(scanHtml('<svg onload=alert(1)>', { fragment: true }).violations.length);
      assert.ok(scanHtml('<p>a<!-- b --></p>', { fragment: true }).violations.length);
      assert.ok(scanHtml('<iframe src="https://example.org"></iframe>', { fragment: true }).violations.length);
    });
  });

  it('the esc() helper keeps every corpus text as one text or one attribute value', () => {
    for (const x of CORPUS) {
      const doc = parseFragment(`<p title="${esc(x)}" class='${esc(x)}'>${esc(x)}</p>`) as unknown as HtmlNode;
      const p = doc.childNodes![0]!;
      assert.equal(doc.childNodes!.length, 1);
      assert.deepEqual(
        p.attrs!.map((a) => [a.name, a.value]),
        [
          ['title', x],
          ['class', x],
        ],
      );
      assert.deepEqual(
        p.childNodes!.map((c) => c.value),
        [x],
      );
    }
  });

  describe('every output, for every text × place', () => {
    for (const [i, x] of CORPUS.entries()) {
      for (const [j, place] of PLACES.entries()) {
        it(`${place.name}: ${JSON.stringify(x)}`, () => {
          const base = path.join(tmp, `c${i}-p${j}`);
          writeVersion(path.join(base, 'old'), OLD, false);
          writeVersion(path.join(base, 'new'), { ...DEFAULTS, ...place.set(x) }, true);
          const all = outputs(base, pageFn);
          const problems: string[] = [];
          for (const name of Object.keys(all) as Output[]) {
            const shown =
              place.shows.includes(name) ||
              (name === 'preview-page' && place.shows.includes('preview')) ||
              (name === 'compare-page' && place.shows.includes('compare'));
            for (const p of problemsOfOutput(name, all[name], x, shown, place.shown?.(x))) problems.push(`${name}: ${p}`);
          }
          assert.deepEqual(problems, []);
        });
      }
    }
  });

  it('a clean workspace has no findings, and its outputs are not empty', () => {
    const base = path.join(tmp, 'clean');
    writeVersion(path.join(base, 'old'), OLD, false);
    writeVersion(path.join(base, 'new'), DEFAULTS, true);
    const all = outputs(base, pageFn);
    for (const name of Object.keys(all) as Output[]) {
      assert.deepEqual(problemsOfOutput(name, all[name], DEFAULTS.reqTitle, true), [], name);
    }
    // The open objection reaches the preview: the reviewer name and the note body are rendered there.
    assert.match(all.preview, /open-objection/);
    assert.match(all['cost-html'], /Core PCN funding brings/);
  });

  it('the review command has no HTML format', () => {
    const r = run(['review', 'samples', '--format', 'html']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
  });

  it('the sample outputs are safe too', () => {
    for (const args of [
      ['cost', 'samples', '--format', 'html'],
      ['diff', 'samples/2019-12-draft', 'samples/2020-03-final', '--format', 'html'],
    ]) {
      const r = run(args);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(scanHtml(r.stdout).violations, [], args.join(' '));
      assert.ok(scanHtml(r.stdout).texts.join('').length > 1000);
    }
  });
});

describe('security: the webview page', () => {
  it('page(): a strict Content-Security-Policy, one fresh nonce on its only style and script', async () => {
    const pageFn = await loadPage();
    const a = pageFn('<p>x</p>');
    const { csp, nonce } = cspOf(a);
    const directives = new Map(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k!, v]),
    );
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    assert.deepEqual(directives.get('script-src'), [`'nonce-${nonce}'`]);
    assert.deepEqual(directives.get('style-src'), [`'nonce-${nonce}'`]);
    assert.ok(!/unsafe-inline|unsafe-eval|\*|https?:/.test(csp), csp);
    assert.ok(nonce.length >= 16);
    assert.notEqual(cspOf(pageFn('<p>x</p>')).nonce, nonce, 'a new nonce for every page');
    const doc = parse(a) as unknown as HtmlNode;
    const elements: HtmlNode[] = [];
    const walk = (n: HtmlNode) => {
      if (n.tagName) elements.push(n);
      n.childNodes?.forEach(walk);
    };
    walk(doc);
    const withNonce = (tag: string) => elements.filter((e) => e.tagName === tag).map((e) => e.attrs!.find((x) => x.name === 'nonce')?.value);
    assert.deepEqual(withNonce('script'), [nonce]);
    assert.deepEqual(withNonce('style'), [nonce]);
    assert.deepEqual(scanHtml(a, { nonce }).violations, []);
    // A body trying to close the page's markup stays text.
    const evil = pageFn(esc('</script><script>alert(1)</script>'));
    assert.deepEqual(scanHtml(evil, { nonce: cspOf(evil).nonce }).violations, []);
  });

  it('the preview and compare panels (source): the page() wrapper with its policy, no local resources', () => {
    const preview = fs.readFileSync(path.join(ROOT, 'client/src/preview.ts'), 'utf8');
    const compare = fs.readFileSync(path.join(ROOT, 'client/src/compare.ts'), 'utf8');
    assert.match(preview, /default-src 'none'/);
    assert.match(preview, /script-src 'nonce-\$\{nonce\}'/);
    assert.match(preview, /style-src 'nonce-\$\{nonce\}'/);
    assert.match(preview, /crypto\.randomBytes\(16\)/);
    assert.match(preview, /<script nonce="\$\{nonce\}">/);
    assert.match(preview, /<style nonce="\$\{nonce\}">/);
    assert.match(compare, /import \{ page \} from '\.\/preview\.js'/);
    for (const [name, src] of [
      ['preview.ts', preview],
      ['compare.ts', compare],
    ] as const) {
      const sets = [...src.matchAll(/webview\.html\s*=\s*([^;]+);/g)].map((m) => m[1]!.trim());
      assert.ok(sets.length > 0, name);
      for (const s of sets) assert.match(s, /^page\(/, `${name} sets webview.html without page(): ${s}`);
      for (const m of src.matchAll(/createWebviewPanel\(([\s\S]*?)\);/g)) assert.match(m[1]!, /localResourceRoots: \[\]/, name);
    }
    // Every webview in the client goes through page().
    for (const f of fs.readdirSync(path.join(ROOT, 'client/src'))) {
      const src = fs.readFileSync(path.join(ROOT, 'client/src', f), 'utf8');
      for (const m of src.matchAll(/webview\.html\s*=\s*([^;]+);/g)) assert.match(m[1]!.trim(), /^page\(/, `${f}: ${m[1]}`);
    }
  });
});

// --- configuration and sidecars are data ------------------------------------------------------------------

function sourcesOf(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourcesOf(p));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

describe('security: configuration and sidecars are data, never code', () => {
  let tmp: string;
  beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sssec-'))));
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('no source loads code at run time (require, dynamic import, eval, Function, vm)', () => {
    const files = [...sourcesOf(path.join(ROOT, 'server/src')), ...sourcesOf(path.join(ROOT, 'client/src'))];
    assert.ok(files.length > 20);
    const bad: string[] = [];
    for (const f of files) {
      const src = fs.readFileSync(f, 'utf8');
      src.split('\n').forEach((line, i) => {
        if (
          /\brequire\s*\(|\bimport\s*\(|\beval\s*\(|\bnew\s+Function\s*\(|\bFunction\s*\(\s*['"`]|['"]node:vm['"]|\bcreateRequire\b|\bimport\.meta\.resolve\b|\bchild_process\b.*\bexec\s*\(/.test(
            line,
          )
        )
          bad.push(`${path.relative(ROOT, f)}:${i + 1}: ${line.trim()}`);
      });
    }
    assert.deepEqual(bad, []);
  });

  const MARKER = 'sssec-pwned';
  const JS_CONFIGS: [string, string][] = [
    ['CommonJS', joinLines(`const cp = require('child_process'); cp.execSync('touch ${MARKER}');`, 'module.exports = { estimator: { population: 1 } };', '')],
    ['ESM', joinLines(`import { execSync } from 'node:child_process'; execSync('touch ${MARKER}');`, 'export default { estimator: { population: 1 } };', '')],
    ['YAML with a JS tag', joinLines(`estimator: !!js/function "function () { require('child_process').execSync('touch ${MARKER}') }"`, '')],
    [
      'YAML with JS-looking values',
      joinLines(
        'estimator:',
        `  population: "(() => { require('child_process').execSync('touch ${MARKER}'); return 1 })()"`,
        '  __proto__: { polluted: true }',
        'constructor: { prototype: { polluted: true } }',
        '',
      ),
    ],
  ];

  for (const [name, text] of JS_CONFIGS) {
    it(`a configuration file holding ${name} is reported, never run`, () => {
      fs.writeFileSync(path.join(tmp, 'service-spec.config.yaml'), text);
      fs.writeFileSync(path.join(tmp, 'config.js'), text);
      fs.writeFileSync(path.join(tmp, 'a.spec.md'), specText(DEFAULTS));
      for (const args of [
        ['check', '.', '--format', 'json'],
        ['check', '.', '--format', 'json', '--config', 'config.js'],
      ]) {
        const r = run(args, tmp);
        assert.notEqual(r.code, 2, r.stderr);
        const doc = JSON.parse(r.stdout) as { files: { file: string; diagnostics: { code: string; message: string }[] }[] };
        const config = doc.files.find((f) => f.file.endsWith('service-spec.config.yaml') || f.file.endsWith('config.js'));
        assert.ok(config, `the configuration is reported: ${r.stdout}`);
        assert.ok(config.diagnostics.length > 0);
        assert.ok(
          config.diagnostics.every((d) => d.code === 'invalid-config'),
          JSON.stringify(config.diagnostics),
        );
      }
      // cost gives no figures from a configuration with errors: one line naming it, exit 2.
      const cost = run(['cost', '.', '--format', 'json'], tmp);
      assert.equal(cost.code, 2);
      assert.match(cost.stderr, /^service-spec: invalid configuration service-spec\.config\.yaml:\d+:\d+: [^\n]+\n$/);
      assert.ok(!fs.existsSync(path.join(tmp, MARKER)) && !fs.existsSync(path.join(ROOT, MARKER)), 'nothing was executed');
      assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype pollution');
    });
  }

  it('a review sidecar holding code is reported as malformed, never run', () => {
    fs.writeFileSync(path.join(tmp, 'a.spec.md'), specText(DEFAULTS));
    fs.writeFileSync(
      path.join(tmp, 'a.review.yaml'),
      joinLines(`spec: !!js/function "function () { require('child_process').execSync('touch ${MARKER}') }"`, 'notes: []', ''),
    );
    fs.writeFileSync(path.join(tmp, 'b.review.yaml'), joinLines(`module.exports = require('child_process').execSync('touch ${MARKER}')`, ''));
    const r = runReview([tmp]);
    assert.deepEqual(
      r.reviews.map((x) => [path.basename(x.file), x.malformed]),
      [
        ['a.review.yaml', true],
        ['b.review.yaml', true],
      ],
    );
    assert.ok(!fs.existsSync(path.join(tmp, MARKER)));
  });
});

// --- a sidecar's spec stays inside the workspace ---------------------------------------------------------

describe('security: a sidecar never reaches a spec outside the workspace', () => {
  let tmp: string;
  let ws: string;
  let outside: string;
  let secret: string;
  const reads: string[] = [];
  const require = createRequire(import.meta.url);
  const cjsFs = require('node:fs') as typeof fs;
  const original = cjsFs.readFileSync;
  const originalOpen = cjsFs.openSync;

  before(() => {
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sssec-')));
    ws = path.join(tmp, 'ws');
    outside = path.join(tmp, 'outside');
    fs.mkdirSync(ws);
    fs.mkdirSync(outside);
    // The workspace root is the folder of its configuration file.
    fs.writeFileSync(path.join(ws, 'service-spec.config.yaml'), 'estimator: { population: 48000 }\n');
    fs.writeFileSync(path.join(ws, 'inside.spec.md'), specText(DEFAULTS));
    secret = path.join(outside, 'secret.spec.md');
    fs.writeFileSync(
      secret,
      specText({ ...DEFAULTS, title: 'TOP SECRET' })
        .replace(/RND-1/g, 'SEC-1')
        .replace('id: rounds', 'id: secret'),
    );
    fs.symlinkSync(secret, path.join(ws, 'link.spec.md'));
    fs.symlinkSync(outside, path.join(ws, 'linkdir'));
    // Watch every file read by the code under test (node:fs is shared by the CJS and ESM views).
    cjsFs.readFileSync = function (this: unknown, ...args: Parameters<typeof fs.readFileSync>) {
      if (typeof args[0] !== 'number') reads.push(String(args[0]));
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof fs.readFileSync;
    // Files are also read through a descriptor (opened first, so a FIFO is never waited on).
    cjsFs.openSync = function (this: unknown, ...args: Parameters<typeof fs.openSync>) {
      reads.push(String(args[0]));
      return (originalOpen as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof fs.openSync;
    syncBuiltinESMExports();
  });
  after(() => {
    cjsFs.readFileSync = original;
    cjsFs.openSync = originalOpen;
    syncBuiltinESMExports();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const sidecar = (spec: string) =>
    joinLines(
      `spec: ${JSON.stringify(spec)}`,
      'reviewer: An LMC',
      'notes:',
      '  - id: n-1',
      '    requirement: SEC-1',
      '    stance: object',
      '    status: open',
      '    body: Who pays',
      '',
    );

  const CASES: [string, () => string][] = [
    ['../../etc/passwd', () => '../../etc/passwd'],
    ['a deep ../ path to /etc/passwd', () => '../'.repeat(30) + 'etc/passwd'],
    ['the absolute /etc/passwd', () => '/etc/passwd'],
    ['a ../ path to a readable spec outside', () => '../outside/secret.spec.md'],
    ['the absolute path of a readable spec outside', () => secret],
    ['a symlink to a spec outside', () => 'link.spec.md'],
    ['a spec under a symlinked folder outside', () => 'linkdir/secret.spec.md'],
  ];

  for (const [name, specPath] of CASES) {
    it(`spec: ${name} is reported (invalid-review-file) and never read`, () => {
      const file = path.join(ws, 'evil.review.yaml');
      fs.writeFileSync(file, sidecar(specPath()));
      try {
        reads.length = 0;
        const checked = runCheck([ws]);
        const review = checked.files.find((f) => f.kind === 'review');
        assert.ok(review, 'the sidecar is checked');
        const msg = review.diagnostics.filter((d) => d.code === 'invalid-review-file').map((d) => d.message);
        assert.ok(
          msg.some((m) => /outside the workspace/.test(m)),
          JSON.stringify(review.diagnostics),
        );
        const reviewed = runReview([ws]);
        const r = reviewed.reviews.find((x) => x.file.endsWith('evil.review.yaml'))!;
        assert.equal(r.malformed, true);
        assert.ok(
          r.problems.some((p) => /outside the workspace/.test(p)),
          JSON.stringify(r.problems),
        );
        assert.deepEqual(
          r.notes.map((n) => n.anchor),
          [null],
          'the note is not anchored in the outside spec',
        );
        const touched = reads.filter((f) => {
          const abs = path.resolve(ws, f);
          return abs === '/etc/passwd' || abs.startsWith(outside) || abs === path.join(ws, 'link.spec.md') || abs.startsWith(path.join(ws, 'linkdir'));
        });
        assert.deepEqual(touched, [], 'nothing outside the workspace was read');
        assert.ok(
          reads.some((f) => f.endsWith('evil.review.yaml')),
          'the read spy works',
        );
      } finally {
        fs.rmSync(file);
      }
    });
  }

  it('a spec inside the workspace is still read and anchored', () => {
    const file = path.join(ws, 'good.review.yaml');
    fs.writeFileSync(file, sidecar('inside.spec.md').replace('SEC-1', 'RND-1'));
    try {
      const r = runReview([ws]).reviews.find((x) => x.file.endsWith('good.review.yaml'))!;
      assert.deepEqual(r.problems, []);
      assert.deepEqual(
        r.notes.map((n) => n.anchor),
        ['ok'],
      );
    } finally {
      fs.rmSync(file);
    }
  });

  it('a cross-spec reference does not find a spec outside the workspace, symlinked or not', () => {
    const file = path.join(ws, 'dep.spec.md');
    fs.writeFileSync(
      file,
      specText(DEFAULTS).replace('id: rounds', 'id: dep').replace(/RND-1/g, 'DEP-1').replace('- **Owner:**', '- **Depends on:** secret/SEC-1\n- **Owner:**'),
    );
    try {
      reads.length = 0;
      const checked = runCheck([file]);
      const spec = checked.files.find((f) => f.file === file)!;
      assert.ok(
        spec.diagnostics.some((d) => d.code === 'dangling-reference' && d.message.includes('secret/SEC-1')),
        JSON.stringify(spec.diagnostics),
      );
      assert.deepEqual(
        reads.filter((f) => f.startsWith(outside) || f.includes('link')),
        [],
      );
    } finally {
      fs.rmSync(file);
    }
  });
});

// --- the same through the language server ------------------------------------------------------------------

/** Records every file read through node:fs (shared by its CommonJS and ESM views) until `restore()`. */
function spyReads(): { reads: string[]; restore: () => void } {
  const cjsFs = createRequire(import.meta.url)('node:fs') as typeof fs;
  const original = cjsFs.readFileSync;
  const reads: string[] = [];
  cjsFs.readFileSync = function (this: unknown, ...args: Parameters<typeof fs.readFileSync>) {
    reads.push(String(args[0]));
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof fs.readFileSync;
  syncBuiltinESMExports();
  return {
    reads,
    restore: () => {
      cjsFs.readFileSync = original;
      syncBuiltinESMExports();
    },
  };
}

describe('security: the language server', () => {
  let tmp: string;
  let client: TestClient;

  beforeEach(() => (tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sssec-')))));
  afterEach(async () => {
    await client?.shutdown();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('serviceSpec/preview and serviceSpec/compare escape every corpus text', async () => {
    client = inProcess();
    await client.initialize(pathToFileURL(tmp).href);
    const pageFn = await loadPage();
    for (const [i, x] of CORPUS.entries()) {
      const dir = path.join(tmp, `c${i}`);
      writeVersion(path.join(dir, 'old'), OLD, false);
      const p: Params = {
        ...DEFAULTS,
        title: x,
        version: x,
        deadline: x,
        funding: x,
        deliverability: `red: ${x}`,
        owner: x,
        role: x,
        reviewer: x,
        body: x,
        prose: `The network runs ${x} in each home.`,
      };
      writeVersion(path.join(dir, 'new'), p, true);
      const uri = pathToFileURL(path.join(dir, 'new/rounds.spec.md')).href;
      const published = client.waitForDiagnostics(uri);
      await client.open(uri, specText(p));
      await published;
      const preview = (await client.connection.sendRequest('serviceSpec/preview', { uri })) as { html: string };
      const compare = (await client.connection.sendRequest('serviceSpec/compare', {
        uri,
        otherUri: pathToFileURL(path.join(dir, 'old/rounds.spec.md')).href,
      })) as { html: string };
      assert.deepEqual(problemsOf(preview.html, x, { fragment: true, mustShow: true }), [], `preview of ${x}`);
      assert.deepEqual(problemsOf(compare.html, x, { fragment: true, mustShow: true }), [], `compare of ${x}`);
      for (const body of [preview.html, compare.html]) {
        const html = pageFn(body);
        assert.deepEqual(problemsOf(html, x, { nonce: cspOf(html).nonce, mustShow: true }), [], `page of ${x}`);
      }
    }
  });

  for (const [name, target] of [
    ['a symlink to a spec outside', 'link.spec.md'],
    ['a spec under a symlinked folder outside', 'linkdir/secret.spec.md'],
    ['a ../ path outside', '../outside/secret.spec.md'],
    ['an absolute path outside', '/etc/passwd'],
  ] as const) {
    it(`a sidecar naming ${name} is reported on the sidecar and the spec is never read`, async () => {
      const ws = path.join(tmp, 'ws');
      const outside = path.join(tmp, 'outside');
      fs.mkdirSync(ws);
      fs.mkdirSync(outside);
      fs.writeFileSync(path.join(outside, 'secret.spec.md'), specText(DEFAULTS));
      fs.symlinkSync(path.join(outside, 'secret.spec.md'), path.join(ws, 'link.spec.md'));
      fs.symlinkSync(outside, path.join(ws, 'linkdir'));
      const text = reviewText(DEFAULTS).replace('spec: rounds.spec.md', `spec: ${JSON.stringify(target)}`);
      fs.writeFileSync(path.join(ws, 'evil.review.yaml'), text);
      // Read by the server (the sidecar's configuration), so the spy sees reads inside the workspace.
      fs.writeFileSync(path.join(ws, 'service-spec.config.yaml'), 'rules: {}\n');
      const spy = spyReads();
      try {
        client = inProcess();
        await client.initialize(pathToFileURL(ws).href);
        const uri = pathToFileURL(path.join(ws, 'evil.review.yaml')).href;
        const published = client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
        await client.open(uri, text);
        const d = (await published).diagnostics;
        assert.ok(
          d.some((x) => x.code === 'invalid-review-file' && /outside the workspace/.test(String(x.message))),
          JSON.stringify(d),
        );
        assert.deepEqual(
          spy.reads.filter((f) => f.startsWith(outside) || f === '/etc/passwd' || f.includes('link')),
          [],
          'nothing outside the workspace was read',
        );
        assert.ok(spy.reads.length > 0, 'the read spy works');
      } finally {
        spy.restore();
      }
    });
  }
});
