/**
 * The language service's Word documents and ledger, over a project in memory: the versions of a spec found
 * in the workspace (same id, published before it or named by its supersedes chain), the hover's history line,
 * the ledger page, and the import, publication, review document and redline through the host's writer
 * (an existing file reported, replaced only with force; the open document's text exported).
 */
import * as assert from 'node:assert/strict';
import { strFromU8, unzipSync } from 'fflate';
import { versionsOf } from '../../server/src/service/ledger.js';
import { memoryServiceHost, ServiceError, TargetExistsError, type ServiceHost } from '../../server/src/service/index.js';
import { MemoryHost } from '../../server/src/project/host.js';
import { joinLines } from '../helpers/golden.js';
import { fixture } from './fixtures.js';

const spec = (version: string, published: string | null, supersedes: string | null, body: string[], id = 'cr') =>
  joinLines(
    '---',
    `id: ${id}`,
    'title: Care records',
    `version: ${version}`,
    'status: draft',
    ...(published ? [`published: ${published}`] : []),
    ...(supersedes ? [`supersedes: ${supersedes}`] : []),
    '---',
    '# Care records',
    '## Records',
    ...body,
    '',
  );

const req = (id: string, title: string, text: string, deadline: string) => [
  `### ${id}: ${title}`,
  text,
  '',
  `- **Deadline:** ${deadline}`,
  '- **Funding:** arrs',
  '- **Deliverability:** green: staffed',
  '',
];

const DRAFT = spec('2019-12-draft', '2019-12-01', null, [
  ...req('CR-1', 'Lead', 'The network names a records lead.', '2020-09-30'),
  ...req('CR-2', 'Access', 'Each home gets remote access.', '2020-09-30'),
  ...req('CR-3', 'Plans', 'Each resident has a care plan within 7 days of admission.', '2020-06-30'),
]);
const REVISED = spec('2020-02-revised', '2020-02-01', '2019-12-draft', [
  ...req('CR-1', 'Lead', 'The network names a records lead.', '2020-09-30'),
  ...req('CR-2', 'Access', 'Each home gets remote access.', '2020-09-30'),
  ...req('CR-3', 'Sharing', 'Records are shared with the home.', '2020-09-30'),
  ...req('CR-4', 'Plans', 'Each resident has a care plan within 7 days of admission.', '2020-06-30'),
]);
const FINAL = spec('2020-03-final', '2020-03-01', '2019-12-draft', [
  ...req('CR-1', 'Lead', 'The network names a records lead.', '2020-09-30'),
  ...req('CR-2', 'Access', 'Each home gets remote access.', '2020-09-30'),
  ...req('CR-3', 'Sharing', 'Records are shared with the home.', '2020-09-30'),
  ...req('CR-4', 'Plans', 'Each resident has a care plan within 14 days of admission.', '2020-12-30'),
]);
const LATER = spec('2021-01-next', '2021-01-01', '2020-03-final', req('CR-1', 'Lead', 'The network names a records lead.', '2021-09-30'));
const OTHER = spec('2019-12-draft', '2019-11-01', null, req('XX-1', 'Other', 'Something else.', '2020-09-30'), 'other');
const DRAFT_REVIEW = joinLines(
  'spec: cr.spec.md',
  'reviewer: LMC',
  'notes:',
  '  - id: n1',
  '    requirement: CR-3',
  '    quote: within 7 days of admission',
  '    stance: object',
  '    status: open',
  '    body: "Seven days is too short <b>here</b>."',
  '',
);

const WS = {
  '/ws/draft/cr.spec.md': DRAFT,
  '/ws/draft/cr.review.yaml': DRAFT_REVIEW,
  '/ws/draft/other.spec.md': OTHER,
  '/ws/revised/cr.spec.md': REVISED,
  '/ws/final/cr.spec.md': FINAL,
  '/ws/next/cr.spec.md': LATER,
};

const lineOf = (text: string, needle: string) => text.indexOf(needle);

describe('language service: versions of a spec and the ledger', () => {
  it('finds the earlier versions of a spec in the workspace, oldest first, ending with the spec', () => {
    const f = fixture(WS, { folders: ['/ws'] });
    f.open('/ws/final/cr.spec.md');
    const model = f.service.analyze('/ws/final/cr.spec.md', f.settings)!.model;
    const versions = versionsOf(f.service.workspace, '/ws/final/cr.spec.md', model).map((v) => v.file);
    assert.deepEqual(versions, ['/ws/draft/cr.spec.md', '/ws/revised/cr.spec.md', '/ws/final/cr.spec.md']);
  });

  it('follows the supersedes chain to a version without a published date', () => {
    const undated = spec('2019-12-draft', null, null, req('CR-1', 'Lead', 'The network names a records lead.', '2020-09-30'));
    const f = fixture({ ...WS, '/ws/draft/cr.spec.md': undated }, { folders: ['/ws'] });
    f.open('/ws/final/cr.spec.md');
    const model = f.service.analyze('/ws/final/cr.spec.md', f.settings)!.model;
    assert.deepEqual(
      versionsOf(f.service.workspace, '/ws/final/cr.spec.md', model).map((v) => v.file),
      ['/ws/draft/cr.spec.md', '/ws/revised/cr.spec.md', '/ws/final/cr.spec.md'],
    );
  });

  it("adds the requirement's history line to its heading's hover", () => {
    const f = fixture(WS, { folders: ['/ws'] });
    f.open('/ws/final/cr.spec.md');
    const h = f.service.hover('/ws/final/cr.spec.md', lineOf(FINAL, '### CR-4') + 5, f.settings)!;
    const history = /\*\*History:\*\* (.*)/.exec(h.markdown)?.[1]?.replace(/\\(.)/g, '$1');
    assert.equal(
      history,
      '2019-12-draft CR-3 → 2020-02-revised CR-4 (renumbered) → 2020-03-final CR-4 (modified: deadline +183 days, text); 1 objection, its text changed',
    );
    // A requirement added in the second version starts there.
    const added = f.service.hover('/ws/final/cr.spec.md', lineOf(FINAL, '### CR-3') + 5, f.settings)!;
    assert.match(added.markdown, /\*\*History:\*\* 2020-02-revised CR-3 \\\(added\\\) → 2020-03-final CR-3 \\\(unchanged\\\)$/);
  });

  it('follows the open document: an edit changes the history line', () => {
    const f = fixture(WS, { folders: ['/ws'] });
    f.open('/ws/final/cr.spec.md');
    const edited = FINAL.replace('2020-12-30', '2020-07-30');
    f.edit('/ws/final/cr.spec.md', edited);
    const h = f.service.hover('/ws/final/cr.spec.md', lineOf(edited, '### CR-4') + 5, f.settings)!;
    assert.match(h.markdown.replace(/\\(.)/g, '$1'), /2020-03-final CR-4 \(modified: deadline \+30 days, text\); 1 objection, its text changed$/);
  });

  it('shows no history for the oldest version or a spec alone in the workspace', () => {
    const f = fixture(WS, { folders: ['/ws'] });
    f.open('/ws/draft/cr.spec.md');
    assert.ok(!f.service.hover('/ws/draft/cr.spec.md', lineOf(DRAFT, '### CR-3') + 5, f.settings)!.markdown.includes('History'));
    assert.throws(
      () => f.service.ledgerPage('/ws/draft/cr.spec.md', f.settings),
      (e: Error) => e instanceof ServiceError && /no earlier version/.test(e.message),
    );
  });

  it("gives the ledger page of the spec's versions: escaped, no script", () => {
    const f = fixture(WS, { folders: ['/ws'] });
    f.open('/ws/final/cr.spec.md');
    const page = f.service.ledgerPage('/ws/final/cr.spec.md', f.settings);
    assert.deepEqual(page.versions, ['2019-12-draft', '2020-02-revised', '2020-03-final']);
    assert.ok(!/<script/i.test(page.html));
    assert.ok(!page.html.includes('<b>here</b>'));
    assert.match(page.html, /Seven days is too short &lt;b&gt;here&lt;\/b&gt;\./);
    assert.ok(!page.html.includes('2021-01-next'), 'a later version is not an earlier one');
  });
});

/** A host whose writes land in `written` (and whose import is given). */
function writingHost(memory: MemoryHost, importWord?: ServiceHost['importWord']) {
  const written = new Map<string, Uint8Array>();
  const host: ServiceHost = {
    ...memoryServiceHost(memory),
    writeDocument: (file, bytes, force) => {
      if (!force && written.has(file)) throw new Error(`${file} exists`);
      written.set(file, bytes);
    },
    exists: (file) => written.has(file) || memory.files.has(file),
    importWord,
  };
  return { host, written };
}

const xml = (bytes: Uint8Array, part: string) => strFromU8(unzipSync(bytes)[part]!);

describe('language service: Word documents', () => {
  it("exports the open document's publication; an existing file is reported and kept unless forced", () => {
    const memory = new MemoryHost(WS);
    const { host, written } = writingHost(memory);
    const f = fixture(WS, { folders: ['/ws'], host });
    f.open('/ws/final/cr.spec.md', FINAL.replace('Records are shared with the home.', 'Records are shared with the home daily.'));
    const r = f.service.exportWord('/ws/final/cr.spec.md', '/ws/final/cr.docx', false, f.settings);
    assert.deepEqual(r, { status: 'written', file: '/ws/final/cr.docx' });
    assert.match(xml(written.get('/ws/final/cr.docx')!, 'word/document.xml'), /shared with the home daily/);
    const before = written.get('/ws/final/cr.docx');
    assert.deepEqual(f.service.exportWord('/ws/final/cr.spec.md', '/ws/final/cr.docx', false, f.settings), { status: 'exists', files: ['/ws/final/cr.docx'] });
    assert.equal(written.get('/ws/final/cr.docx'), before);
    assert.equal(f.service.exportWord('/ws/final/cr.spec.md', '/ws/final/cr.docx', true, f.settings).status, 'written');
    assert.notEqual(written.get('/ws/final/cr.docx'), before);
  });

  it('writes the review document with the notes as comments, and the redline against another version', () => {
    const memory = new MemoryHost(WS);
    const { host, written } = writingHost(memory);
    const f = fixture(WS, { folders: ['/ws'], host });
    f.open('/ws/draft/cr.spec.md');
    const r = f.service.exportReviewWord('/ws/draft/cr.spec.md', '/ws/draft/cr.review.docx', false, f.settings);
    assert.deepEqual(r, { status: 'written', file: '/ws/draft/cr.review.docx', notes: 1 });
    assert.match(xml(written.get('/ws/draft/cr.review.docx')!, 'word/comments.xml'), /Seven days is too short &lt;b&gt;here&lt;\/b&gt;\./);

    f.open('/ws/final/cr.spec.md');
    const red = f.service.saveRedline('/ws/final/cr.spec.md', { file: '/ws/draft/cr.spec.md' }, '/ws/final/cr.redline.docx', false, f.settings);
    assert.equal(red.status, 'written');
    const doc = xml(written.get('/ws/final/cr.redline.docx')!, 'word/document.xml');
    assert.match(doc, /<w:ins [^>]*>.*Records are shared with the home/s);
    assert.throws(
      () => f.service.saveRedline('/ws/final/cr.spec.md', { rev: 'HEAD' }, '/ws/final/x.docx', false, f.settings),
      (e: Error) => e instanceof ServiceError && /cannot read the other version/.test(e.message),
    );
  });

  it('imports through the host: the files that exist, or what was written (then read again by the workspace)', () => {
    // The importer writes into the fixture's own files (set once the fixture exists).
    let memory = new MemoryHost();
    const imported = { spec: '/ws/new/imported.spec.md', review: null, summary: 'Imported draft.docx as imported', warnings: [] };
    const { host } = writingHost(memory, (_docx, _out, force) => {
      if (memory.files.has(imported.spec) && !force) throw new TargetExistsError([imported.spec]);
      memory.files.set(imported.spec, spec('imported-2020-01-14', '2020-01-14', null, req('IM-1', 'New', 'Text.', '2020-09-30'), 'imported'));
      return imported;
    });
    const f = fixture(WS, { folders: ['/ws'], host });
    memory = f.files;
    f.open('/ws/final/cr.spec.md');
    const ids = () =>
      f.service.workspace
        .indexOf('/ws/final/cr.spec.md')
        .entries()
        .map((e) => e.id);
    assert.ok(!ids().includes('imported'));
    assert.deepEqual(f.service.importWord('/in/draft.docx', '/ws/new', false), { status: 'written', ...imported });
    assert.ok(ids().includes('imported'), 'the new spec is in the workspace index');
    assert.deepEqual(f.service.importWord('/in/draft.docx', '/ws/new', false), { status: 'exists', files: [imported.spec] });
    assert.equal(f.service.importWord('/in/draft.docx', '/ws/new', true).status, 'written');
    assert.throws(
      () => f.service.importWord('draft.docx', '/ws/new', false),
      (e: Error) => e instanceof ServiceError,
    );
    const bare = fixture(WS, { folders: ['/ws'] });
    assert.throws(() => bare.service.importWord('/in/draft.docx', '/ws/new', false), /needs files on disk/);
  });
});
