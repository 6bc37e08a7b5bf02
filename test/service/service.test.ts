/**
 * The language service without LSP: every provider over a project in memory (MemoryHost), results in core
 * types with offsets.
 */
import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, mergeSettings, readSettings, ServiceError } from '../../server/src/service/index.js';
import { fuzzyMatch } from '../../server/src/service/symbols.js';
import { A, B, fixture, REVIEW } from './fixtures.js';

const at = (text: string, needle: string, plus = 0) => {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, `${needle} not in the text`);
  return i + plus;
};

const WS = { '/ws/ehch.spec.md': A, '/ws/smr.spec.md': B, '/ws/ehch.review.yaml': REVIEW };

describe('language service: diagnostics', () => {
  it('checks an open spec against its workspace root: references, reviews, configuration', () => {
    const f = fixture(WS, { folders: ['/ws'] });
    f.open('/ws/ehch.spec.md');
    const a = f.service.analyze('/ws/ehch.spec.md', f.settings)!;
    const codes = a.diagnostics.map((d) => d.code);
    assert.ok(codes.includes('invalid-deadline') && codes.includes('unknown-funding-source'), codes.join());
    const dangling = a.diagnostics.filter((d) => d.code === 'dangling-reference');
    assert.deepEqual(
      dangling.map((d) => A.slice(d.range.start, d.range.end)),
      ['smr/SMR-9'],
    );
    assert.deepEqual(
      a.diagnostics.filter((d) => d.code === 'open-objection').map((d) => A.slice(d.range.start, d.range.end)),
      ['### EHCH-1: Lead'],
    );
  });

  it('follows edits of another open spec: its new requirement ids resolve a reference, an edit of its prose changes nothing', () => {
    // Whole-spec findings of the open spec are reused while the workspace index is unchanged (core/analyze.ts):
    // a change other specs can see (requirement ids) must still reach them.
    const f = fixture(WS, { folders: ['/ws'] });
    f.open('/ws/ehch.spec.md');
    f.open('/ws/smr.spec.md');
    const dangling = () =>
      f.service
        .analyze('/ws/ehch.spec.md', f.settings)!
        .diagnostics.filter((d) => d.code === 'dangling-reference')
        .map((d) => A.slice(d.range.start, d.range.end));
    f.service.analyze('/ws/smr.spec.md', f.settings);
    assert.deepEqual(dangling(), ['smr/SMR-9']);
    f.edit('/ws/smr.spec.md', `${B}\n### SMR-9: Added\n- **Deadline:** 2020-10-01\n`);
    f.service.analyze('/ws/smr.spec.md', f.settings);
    assert.deepEqual(dangling(), [], 'SMR-9 exists now');
    f.edit('/ws/smr.spec.md', `${B}\n### SMR-9: Added, renamed title\n- **Deadline:** 2020-10-01\n`);
    f.service.analyze('/ws/smr.spec.md', f.settings);
    assert.deepEqual(dangling(), []);
    f.edit('/ws/smr.spec.md', B);
    f.service.analyze('/ws/smr.spec.md', f.settings);
    assert.deepEqual(dangling(), ['smr/SMR-9'], 'and is gone again');
  });

  it("with no workspace folder, uses the file's own folder as `check FILE` does", () => {
    const f = fixture(WS);
    f.open('/ws/ehch.spec.md');
    assert.equal(f.service.workspace.rootOf('/ws/ehch.spec.md'), '/ws');
    const codes = f.service.analyze('/ws/ehch.spec.md', f.settings)!.diagnostics.map((d) => d.code);
    assert.equal(codes.filter((c) => c === 'dangling-reference').length, 1);
    assert.ok(codes.includes('open-objection'));
  });

  it("takes the nearest configuration's folder as the root, and the open configuration's text over the file", () => {
    const f = fixture({ ...WS, '/ws/service-spec.config.yaml': 'funding:\n  sources:\n    care-home-premum: { label: Typo }\n' }, { folders: ['/'] });
    f.open('/ws/ehch.spec.md');
    assert.equal(f.service.workspace.rootOf('/ws/ehch.spec.md'), '/ws');
    const codes = () => f.service.analyze('/ws/ehch.spec.md', f.settings)!.diagnostics.map((d) => d.code);
    assert.ok(!codes().includes('unknown-funding-source'));
    f.open('/ws/service-spec.config.yaml', 'estimator:\n  practices: 5\n');
    assert.ok(codes().includes('unknown-funding-source'), 'the open document wins');
  });

  it('while a root is read in the background, a reference to an unread spec is not called dangling', () => {
    const started: string[] = [];
    const f = fixture(WS, { folders: ['/ws'], indexInBackground: (root) => started.push(root) });
    f.service.workspace.startIndexing('/ws');
    f.open('/ws/ehch.spec.md');
    const dangling = () => f.service.analyze('/ws/ehch.spec.md', f.settings)!.diagnostics.filter((d) => d.code === 'dangling-reference').length;
    assert.equal(dangling(), 0);
    assert.deepEqual(started, ['/ws']);
    f.service.workspace.indexed('/ws/smr.spec.md', f.service.workspace.project.spec('/ws/smr.spec.md'));
    f.service.workspace.indexFinished('/ws');
    assert.equal(dangling(), 1, 'smr/SMR-9 once every spec is read');
    assert.deepEqual(started, ['/ws'], 'read once');
  });

  it("applies the editor's severities to sidecars and the configuration file (one rule runner)", () => {
    const f = fixture({ ...WS, '/ws/service-spec.config.yaml': 'estimator:\n  nonsense: 1\n' });
    const settings = mergeSettings({ rules: { 'reanchored-review-note': 'off', 'stale-review-note': 'error', 'invalid-config': 'hint' } });
    assert.deepEqual(
      f.service.sidecarDiagnostics('/ws/ehch.review.yaml', DEFAULT_SETTINGS)!.map((d) => [d.code, d.severity]),
      [['reanchored-review-note', 'info']],
    );
    assert.deepEqual(f.service.sidecarDiagnostics('/ws/ehch.review.yaml', settings), []);
    assert.deepEqual(
      f.service.configDiagnostics('/ws/service-spec.config.yaml', settings).map((d) => [d.code, d.severity]),
      [['invalid-config', 'hint']],
    );
  });

  it('reports nothing with checking turned off', () => {
    const f = fixture(WS);
    f.open('/ws/ehch.spec.md');
    assert.deepEqual(f.service.analyze('/ws/ehch.spec.md', mergeSettings({ enable: false }))!.diagnostics, []);
  });
});

describe('language service: reading help', () => {
  it('hovers a heading with fields, costs and open review notes (escaped), and a workload block with its costs', () => {
    const f = fixture(WS, { folders: ['/ws'] });
    f.open('/ws/ehch.spec.md');
    const h = f.service.hover('/ws/ehch.spec.md', at(A, '### EHCH-1', 5), f.settings)!;
    assert.equal(A.slice(h.range.start, h.range.end), '### EHCH-1: Lead');
    assert.match(h.markdown, /\*\*EHCH-1\*\* · Lead/);
    assert.match(
      h.markdown,
      /\*\*Open review notes\*\* \(2\):\n\n- \*\*object\*\* \(LMC, undated\): Leads need \\\*time\\\*\.\n- \*\*concern\*\* \(LMC, undated\) _\(reanchored from EHCH-2\)_: Moved\.$/,
    );
    const block = f.service.hover('/ws/ehch.spec.md', at(A, 'minutes: 60'), f.settings)!;
    assert.match(block.markdown, /^\*\*Workload of EHCH-2\*\*/);
    assert.equal(f.service.hover('/ws/ehch.spec.md', at(A, 'A round.'), f.settings), undefined);
  });

  it('puts the spec total first, then what changed since the superseded version, then each costed requirement', () => {
    const older = A.replace('version: 1', 'version: 0').replace('- **Deadline:** 2020-10-01', '- **Deadline:** 2020-09-01');
    const newer = A.replace('version: 1', 'version: 2\nsupersedes: 0');
    const f = fixture({ '/ws/old/ehch.spec.md': older, '/ws/new/ehch.spec.md': newer }, { folders: ['/ws'] });
    f.open('/ws/new/ehch.spec.md');
    const lenses = f.service.codeLenses('/ws/new/ehch.spec.md', f.settings).map((l) => [newer.slice(l.range.start, l.range.end), l.title]);
    assert.match(lenses[0]![1], /^Spec total £[\d,]+ a year per PCN/);
    assert.equal(lenses[0]![0], '');
    assert.deepEqual(lenses[1], ['### EHCH-2: Round', 'modified since 0: Deadline 2020-09-01 → 2020-10-01 (30 days later)']);
    assert.match(lenses[2]![1], /^£[\d,]+ per PCN · £[\d,]+ per practice$/);
    assert.equal(lenses.length, 3);
  });

  it('lists the outline and folding ranges, and requirements across the workspace with a fuzzy query', () => {
    const f = fixture(WS, { folders: ['/ws'] });
    f.open('/ws/ehch.spec.md');
    assert.deepEqual(
      f.service.documentSymbols('/ws/ehch.spec.md').map((s) => s.name),
      ['front-matter', 'EHCH'],
    );
    assert.ok(f.service.foldingRanges('/ws/ehch.spec.md').length >= 4);
    f.service.analyze('/ws/ehch.spec.md', f.settings); // reads the root
    assert.deepEqual(
      f.service.workspaceSymbols('smr1').map((s) => [s.name, s.file, B.slice(s.range.start, s.range.end), s.container]),
      [['SMR-1: Reviews', '/ws/smr.spec.md', 'SMR-1', 'smr 1']],
    );
    assert.equal(f.service.workspaceSymbols('').length, 3);
    assert.ok(fuzzyMatch('ehch-2: round', 'e2rnd'));
    assert.ok(!fuzzyMatch('ehch-2: round', 'e2x'));
  });
});

describe('language service: editing help', () => {
  it('completes funding ids and requirement ids of other specs', () => {
    const f = fixture(WS, { folders: ['/ws'] });
    const text = A.replace('- **Depends on:** EHCH-1, smr/SMR-1, smr/SMR-9', '- **Depends on:** ');
    f.open('/ws/ehch.spec.md', text);
    const labels = f.service.completion('/ws/ehch.spec.md', at(text, '- **Depends on:** ', 18), f.settings).map((i) => i.label);
    assert.ok(labels.includes('smr/SMR-1') && labels.includes('EHCH-1'), labels.join());
  });

  it('offers quick fixes in a range and a fix-all; on a sidecar, moving a reanchored note', () => {
    const f = fixture(WS);
    f.open('/ws/ehch.spec.md');
    const all = { start: 0, end: A.length };
    const fixes = f.service.codeFixes('/ws/ehch.spec.md', all, { quickFixes: true, fixAll: true }, f.settings);
    assert.ok(fixes.some((x) => x.title === 'Rewrite as 2020-10-31' && x.kind === 'quickfix'));
    const fixAll = fixes.find((x) => x.kind === 'fixAll')!;
    assert.ok(fixAll.edits.every((e) => e.file === '/ws/ehch.spec.md'));
    assert.deepEqual(
      f.service.codeFixes('/ws/ehch.spec.md', all, { quickFixes: false, fixAll: true }, f.settings).map((x) => x.kind),
      ['fixAll'],
    );
    const move = f.service.codeFixes('/ws/ehch.review.yaml', { start: 0, end: REVIEW.length }, { quickFixes: true, fixAll: false }, f.settings);
    assert.deepEqual(
      move.map((m) => [m.title, REVIEW.slice(m.edits[0]!.range.start, m.edits[0]!.range.end), m.edits[0]!.newText]),
      [['Move the note to EHCH-1', 'EHCH-2', 'EHCH-1']],
    );
  });
});

describe('language service: navigation across specs', () => {
  it('goes to a definition in another spec, finds references and renames them everywhere', () => {
    const f = fixture(WS, { folders: ['/ws'] });
    f.open('/ws/ehch.spec.md');
    const def = f.service.definition('/ws/ehch.spec.md', at(A, 'smr/SMR-1', 6))!;
    assert.deepEqual([def.file, B.slice(def.range.start, def.range.end)], ['/ws/smr.spec.md', '### SMR-1: Reviews']);
    const refs = f.service.references('/ws/ehch.spec.md', at(A, '### EHCH-1', 5), true);
    assert.deepEqual(refs.map((r) => r.file).sort(), ['/ws/ehch.spec.md', '/ws/ehch.spec.md', '/ws/smr.spec.md']);
    assert.equal(f.service.references('/ws/ehch.spec.md', at(A, '### EHCH-1', 5), false).length, 2);
    const edits = f.service.rename('/ws/ehch.spec.md', at(A, '### EHCH-1', 5), 'EHCH-10')!;
    assert.deepEqual(edits.map((e) => [e.file, (e.file.endsWith('smr.spec.md') ? B : A).slice(e.range.start, e.range.end), e.newText]).sort(), [
      ['/ws/ehch.spec.md', 'EHCH-1', 'EHCH-10'],
      ['/ws/ehch.spec.md', 'EHCH-1', 'EHCH-10'],
      ['/ws/smr.spec.md', 'EHCH-1', 'EHCH-10'],
    ]);
    assert.throws(
      () => f.service.rename('/ws/ehch.spec.md', at(A, '### EHCH-1', 5), 'EHCH-2'),
      (e) => e instanceof ServiceError && /already used/.test(e.message),
    );
    assert.throws(() => f.service.rename('/ws/ehch.spec.md', at(A, '### EHCH-1', 5), 'x y'), /not a requirement id/);
    assert.deepEqual(f.service.prepareRename('/ws/ehch.spec.md', at(A, '### EHCH-1', 5))!.placeholder, 'EHCH-1');
  });

  it('links cross-spec references to the heading they name', () => {
    const f = fixture(WS, { folders: ['/ws'] });
    f.open('/ws/ehch.spec.md');
    const links = f.service.documentLinks('/ws/ehch.spec.md');
    assert.deepEqual(
      links.map((l) => [A.slice(l.range.start, l.range.end), l.target.file, B.slice(l.target.range.start, l.target.range.end), l.tooltip]),
      [['smr/SMR-1', '/ws/smr.spec.md', '### SMR-1: Reviews', 'SMR-1: Reviews (smr)']],
    );
  });
});

describe('language service: views', () => {
  it('previews an open spec and compares it with another file, each side with its own configuration', () => {
    const f = fixture({ ...WS, '/other/ehch.spec.md': A.replace('version: 1', 'version: 0').replace('### EHCH-2: Round', '### EHCH-2: Old round') });
    f.open('/ws/ehch.spec.md');
    const p = f.service.preview('/ws/ehch.spec.md', f.settings)!;
    assert.equal(p.version, 1);
    assert.match(p.html, /<article class="card/);
    const c = f.service.compare('/ws/ehch.spec.md', { file: '/other/ehch.spec.md' }, f.settings);
    assert.match(c.html, /ehch: 0 → 1/);
    assert.throws(() => f.service.compare('/ws/ehch.spec.md', { file: '/nowhere.spec.md' }, f.settings), /cannot read the other version/);
  });

  it('compares with a git revision through the host, and says why a revision is refused', () => {
    const asked: string[] = [];
    const f = fixture(WS, {
      host: {
        showAtRevision: (file, rev) => {
          asked.push(`${file}@${rev}`);
          if (rev.startsWith('-')) throw new Error(`"${rev}" is not a git revision`);
          return A.replace('version: 1', 'version: 0');
        },
        updateSidecar: () => '',
        today: () => '2020-01-01',
      },
    });
    f.open('/ws/ehch.spec.md');
    assert.match(f.service.compare('/ws/ehch.spec.md', { rev: 'v0' }, f.settings).html, /ehch: 0 → 1/);
    assert.throws(
      () => f.service.compare('/ws/ehch.spec.md', { rev: '--output=/tmp/x' }, f.settings),
      (e) => e instanceof ServiceError && e.message === 'cannot read the other version: "--output=/tmp/x" is not a git revision',
    );
    assert.deepEqual(asked, ['/ws/ehch.spec.md@v0', '/ws/ehch.spec.md@--output=/tmp/x']);
  });

  it('lists the profiles of the configuration that applies', () => {
    const f = fixture({ ...WS, '/ws/service-spec.config.yaml': 'profiles:\n  lmc:\n    estimator: { practices: 4 }\n' });
    assert.deepEqual(f.service.profiles('/ws/ehch.spec.md', mergeSettings({ profile: 'lmc' })), {
      active: 'lmc',
      profiles: ['lmc'],
      config: '/ws/service-spec.config.yaml',
    });
  });
});

describe('language service: reviews', () => {
  it('lists threads where they are anchored now, and the requirement at an offset', () => {
    const f = fixture(WS);
    f.open('/ws/ehch.spec.md');
    const threads = f.service.threads('/ws/ehch.spec.md');
    assert.deepEqual(
      threads.map((t) => [t.id, t.anchor, t.currentRequirement, A.slice(t.range.start, t.range.end), t.sidecar]),
      [
        ['a', 'ok', 'EHCH-1', '### EHCH-1: Lead', '/ws/ehch.review.yaml'],
        ['b', 'reanchored', 'EHCH-1', '### EHCH-1: Lead', '/ws/ehch.review.yaml'],
      ],
    );
    assert.deepEqual(f.service.requirementAt('/ws/ehch.spec.md', at(A, 'A round.')), { id: 'EHCH-2', title: 'Round' });
    assert.equal(f.service.requirementAt('/ws/ehch.spec.md', 3), undefined);
  });

  it("adds notes, replies and statuses through the host's writer; a new sidecar goes next to the spec", () => {
    const f = fixture(WS);
    const added = f.service.addNote('/ws/ehch.spec.md', { requirement: 'EHCH-2', stance: 'question', body: 'Who pays?', author: 'PCN' });
    assert.equal(added.sidecar, '/ws/ehch.review.yaml');
    f.service.reply('/ws/ehch.review.yaml', added.id, 'The premium.', 'NHSE');
    f.service.setStatus('/ws/ehch.review.yaml', 'a', 'resolved');
    const text = f.files.readText('/ws/ehch.review.yaml');
    assert.match(text, new RegExp(`- id: ${added.id}\\n    requirement: EHCH-2\\n    snapshot: Round\\. A round\\.\\n    stance: question`));
    assert.match(text, /created: 2020-05-01\n {8}body: The premium\./);
    assert.equal(f.service.threads('/ws/ehch.spec.md').find((t) => t.id === 'a')!.status, 'resolved', 'the project read the new text');
    const fresh = f.service.addNote('/ws/smr.spec.md', { requirement: 'SMR-1', stance: 'support', body: 'Yes.' });
    assert.equal(fresh.sidecar, '/ws/smr.review.yaml');
    assert.match(f.files.readText('/ws/smr.review.yaml'), /^spec: smr\.spec\.md\nreviewer: Reviewer\n/);
  });

  it('refuses to write a sidecar open in the editor, a requirement that does not exist, and a malformed sidecar', () => {
    const f = fixture({ ...WS, '/ws/bad.review.yaml': 'spec: smr.spec.md\nnotes: [unclosed\n' });
    assert.throws(() => f.service.addNote('/ws/ehch.spec.md', { requirement: 'EHCH-7', stance: 'object', body: 'x' }), /EHCH-7 is not a requirement/);
    assert.throws(
      () => f.service.reply('/ws/bad.review.yaml', 'a', 'x'),
      (e) => e instanceof ServiceError && /malformed/.test(e.message),
    );
    assert.equal(f.files.readText('/ws/bad.review.yaml'), 'spec: smr.spec.md\nnotes: [unclosed\n');
    f.open('/ws/ehch.review.yaml');
    assert.throws(() => f.service.setStatus('/ws/ehch.review.yaml', 'a', 'resolved'), /open with unsaved changes/);
    assert.equal(f.files.readText('/ws/ehch.review.yaml'), REVIEW);
  });
});

describe('language service: settings', () => {
  it('keeps well-formed values only, from nested or flat settings, later layers winning', () => {
    assert.deepEqual(readSettings({ enable: 'yes', estimator: { profile: 'lmc' }, minimumLeadTimeDays: -3, rules: { a: 'off', b: 'loud', c: 3 } }), {
      profile: 'lmc',
      rules: { a: 'off' },
    });
    assert.deepEqual(readSettings(null), {});
    assert.deepEqual(readSettings([1, 2]), {});
    assert.deepEqual(mergeSettings({ profile: 'a', minimumLeadTimeDays: 10 }, { profile: 'b' }), {
      ...DEFAULT_SETTINGS,
      profile: 'b',
      minimumLeadTimeDays: 10,
    });
  });

  it('applies the minimum lead time and the profile from settings to the configuration', () => {
    const f = fixture(WS);
    const c = f.service.workspace.configFor('/ws/ehch.spec.md', mergeSettings({ minimumLeadTimeDays: 300, profile: 'nope' }));
    assert.equal(c.config.rules['short-lead-time']?.['minimum-days'], 300);
    assert.equal(c.unknownProfile, 'nope');
  });
});
