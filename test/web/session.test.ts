/**
 * The page's core under Node (web/src/session.ts, views.ts, actions.ts): files laid out as the CLI finds
 * them on disk give the CLI's findings, costs and notes; versions grouped and ordered; notes added, replied
 * to and resolved through the sidecar's text; files refused with a message. The same code runs in the page
 * (test/web/page.test.ts checks it there against the built CLI).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseReview } from '../../server/src/core/review/sidecar.js';
import { runLedger } from '../../server/src/node/ledger.js';
import { ActionError, addNoteTo, compare, ledgerOf, publication, redline, replyTo, reviewDocument, setNoteStatus, specFiles } from '../../web/src/actions.js';
import { Session, type OpenedFile } from '../../web/src/session.js';
import { buildView, type PageView, type SpecView } from '../../web/src/views.js';
import { run } from '../helpers/cli.js';
import { ROOT } from '../helpers/golden.js';

const SAMPLES = path.join(ROOT, 'samples');

/** Files of a samples folder as the page receives them (lone files, or with their folder). */
function filesOf(folder: string, withFolder = false): OpenedFile[] {
  return fs
    .readdirSync(path.join(SAMPLES, folder))
    .filter((n) => n.endsWith('.spec.md') || n.endsWith('.review.yaml'))
    .map((n) => ({ name: n, bytes: fs.readFileSync(path.join(SAMPLES, folder, n)), ...(withFolder ? { relativePath: `samples/${folder}/${n}` } : {}) }));
}

const config = (withFolder = false): OpenedFile => ({
  name: 'service-spec.config.yaml',
  bytes: fs.readFileSync(path.join(SAMPLES, 'service-spec.config.yaml')),
  ...(withFolder ? { relativePath: 'samples/service-spec.config.yaml' } : {}),
});

const specs = (view: PageView): SpecView[] => view.groups.flatMap((g) => g.versions);
const json = (args: string[]) => {
  const r = run(args);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return JSON.parse(r.stdout);
};

/** The page's findings of every file, keyed by file name, as `check --format json` lists them. */
function pageFindings(view: PageView): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  const strip = (fs: { requirement: unknown }[]) => fs.map(({ requirement: _r, ...f }) => f);
  for (const s of specs(view)) {
    out.set(s.name, strip(s.findings));
    for (const c of s.sidecars) out.set(path.basename(c.file), strip(c.findings));
    if (s.config.file && s.config.findings.length) out.set('service-spec.config.yaml', strip(s.config.findings));
  }
  return out;
}

describe('web page core: the same results as the CLI', () => {
  for (const withFolder of [false, true]) {
    it(`findings, costs and notes of the December drafts opened ${withFolder ? 'with their folder' : 'as lone files'}`, () => {
      const session = new Session();
      const messages = session.open([config(withFolder), ...filesOf('2019-12-draft', withFolder)]);
      assert.deepEqual(messages, []);
      const view = buildView(session);
      const check = json(['check', 'samples/2019-12-draft', '--format', 'json']);
      const page = pageFindings(view);
      const cli = new Map<string, unknown[]>(check.files.map((f: { file: string; diagnostics: unknown[] }) => [path.basename(f.file), f.diagnostics]));
      assert.deepEqual([...page.keys()].sort(), [...cli.keys()].sort());
      for (const [file, diagnostics] of cli) assert.deepEqual(page.get(file), diagnostics, file);
      assert.ok(
        [...cli.values()].some((d) => d.length > 0),
        'the drafts have findings',
      );

      for (const profile of ['default', 'lmc']) {
        session.setProfile(profile);
        const costView = buildView(session);
        const cost = json(['cost', 'samples/2019-12-draft', '--format', 'json', '--profile', profile]);
        for (const c of cost.specs) {
          const s = specs(costView).find((x) => x.name === path.basename(c.file))!;
          assert.ok(s, c.file);
          assert.equal(s.cost!.total.costPerPractice, c.total.costPerPractice, `${c.file} total (${profile})`);
          assert.equal(s.cost!.total.costPerPcn, c.total.costPerPcn);
          assert.deepEqual(
            s.requirements.map((r) => [r.id, r.cost?.costPerPractice, r.cost?.costPerPcn, r.cost?.hoursPerPcn]),
            c.requirements.map((r: Record<string, unknown>) => [r.id, r.costPerPractice, r.costPerPcn, r.hoursPerPcn]),
          );
        }
      }

      const review = json(['review', 'samples/2019-12-draft', '--format', 'json']);
      for (const r of review.reviews) {
        const sidecar = specs(view)
          .flatMap((s) => s.sidecars)
          .find((x) => path.basename(x.file) === path.basename(r.file))!;
        assert.deepEqual(
          sidecar.notes.map((n) => ({
            id: n.id,
            requirement: n.requirement,
            stance: n.stance,
            status: n.status,
            anchor: n.anchor,
            currentRequirement: n.currentRequirement,
            ...(n.author ? { author: n.author } : {}),
            ...(n.created ? { created: n.created } : {}),
            ...(n.body ? { body: n.body } : {}),
            replies: n.replies.length,
          })),
          r.notes,
          r.file,
        );
      }
    });
  }

  it('three versions opened one after the other: one spec, ordered, each version costed and reviewed; the ledger is the CLI’s', () => {
    const session = new Session();
    session.open([config()]);
    // Newest first, to check the order comes from the front-matter, not from opening.
    for (const folder of ['2020-03-final', '2019-12-draft', '2020-02-revised']) assert.deepEqual(session.open(filesOf(folder)), []);
    const view = buildView(session);
    const ehch = view.groups.find((g) => g.key === 'ehch')!;
    assert.deepEqual(
      ehch.versions.map((v) => v.version),
      ['2019-12-draft', '2020-02-revised', '2020-03-final'],
    );
    // Each version's sidecar sits beside it and reviews it.
    for (const v of ehch.versions) assert.equal(v.sidecars.length, 1, v.version!);
    const ledger = ledgerOf(session, ehch);
    const cli = runLedger(['samples/2019-12-draft/ehch.spec.md', 'samples/2020-02-revised/ehch.spec.md', 'samples/2020-03-final/ehch.spec.md']).ledger;
    assert.deepEqual(
      ledger.threads.map((t) => [t.key, t.history.map((e) => [e.version, e.id, e.change, e.costPerPractice]), t.notes.map((n) => [n.id, n.outcome])]),
      cli.threads.map((t) => [t.key, t.history.map((e) => [e.version, e.id, e.change, e.costPerPractice]), t.notes.map((n) => [n.id, n.outcome])]),
    );
    assert.ok(
      ledger.threads.some((t) => t.notes.length),
      'notes join threads',
    );
    const { diff, summary } = compare(ehch.versions[0]!, ehch.versions[2]!);
    const cliDiff = json(['diff', 'samples/2019-12-draft/ehch.spec.md', 'samples/2020-03-final/ehch.spec.md', '--format', 'json']);
    assert.deepEqual(
      diff.requirements.map((r) => [r.id, r.change, r.fields.map((f) => f.field)]),
      cliDiff.specs[0].requirements.map((r: { id: string; change: string; fields: { field: string }[] }) => [r.id, r.change, r.fields.map((f) => f.field)]),
    );
    assert.equal(summary.costDeltaPerPractice, cliDiff.summary.costDeltaPerPractice);
  });
});

describe('web page core: files', () => {
  it('refuses what it cannot read, saying why, and opens the rest', () => {
    const session = new Session();
    const messages = session.open([
      { name: 'notes.txt', bytes: new TextEncoder().encode('hello') },
      { name: 'bad.spec.md', bytes: new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe]) },
      { name: 'draft.docx', bytes: new TextEncoder().encode('not a zip') },
      ...filesOf('2019-12-draft').slice(0, 1),
    ]);
    assert.deepEqual(
      messages.map((m) => [m.file, m.level]),
      [
        ['notes.txt', 'error'],
        ['bad.spec.md', 'error'],
        ['draft.docx', 'error'],
      ],
    );
    assert.match(messages[0]!.text, /not a Word document \(\.docx\), a spec/);
    assert.match(messages[1]!.text, /not valid UTF-8/);
    assert.match(messages[2]!.text, /^cannot import draft\.docx: /);
    assert.equal(specs(buildView(session)).length, 1);
  });

  it('the same file opened twice is open once; a sidecar opened later goes beside its spec', () => {
    const session = new Session();
    const [ehch, sidecar] = ['ehch.spec.md', 'ehch.review.yaml'].map((n) => filesOf('2019-12-draft').find((f) => f.name === n)!);
    session.open([ehch!]);
    session.open([filesOf('2020-03-final').find((f) => f.name === 'ehch.spec.md')!]);
    assert.deepEqual(
      session.open([ehch!]).map((m) => m.text),
      ['ehch.spec.md is already open'],
    );
    session.open([sidecar!]);
    const draft = specs(buildView(session)).find((s) => s.version === '2019-12-draft')!;
    assert.equal(draft.sidecars.length, 1);
    assert.ok(draft.notes.every((n) => n.anchor !== null));
  });

  it('a picked folder cannot leave its place: `..` segments are dropped', () => {
    const session = new Session();
    session.open([{ ...filesOf('2019-12-draft')[0]!, relativePath: '../../etc/x/ehch.spec.md' }]);
    assert.deepEqual([...session.host.files.keys()], ['/w/d1/etc/x/ehch.spec.md']);
  });
});

describe('web page core: notes', () => {
  const open = () => {
    const session = new Session();
    session.open([config(), ...filesOf('2019-12-draft').filter((f) => f.name.startsWith('anticipatory'))]);
    return session;
  };
  const spec = (session: Session) => specs(buildView(session))[0]!;

  it('adds a note (a new sidecar beside the spec), replies, resolves; the sidecar downloads with them', () => {
    const session = open();
    const s = spec(session);
    assert.equal(s.sidecars.length, 0);
    const req = s.requirements[0]!;
    const quote = req.title.split(' ').slice(0, 2).join(' ');
    const { sidecar, id } = addNoteTo(session, s, { requirement: req.id, stance: 'object', body: 'Not funded.', quote, author: 'LMC secretary' }, '2020-01-20');
    assert.equal(sidecar, '/w/1/anticipatory-care.review.yaml');
    let note = spec(session).requirements[0]!.notes[0]!;
    assert.deepEqual([note.id, note.anchor, note.stance, note.status, note.author, note.created], [id, 'ok', 'object', 'open', 'LMC secretary', '2020-01-20']);
    replyTo(session, note, 'Agreed.', 'Chair', '2020-01-21');
    setNoteStatus(session, spec(session).requirements[0]!.notes[0]!, 'resolved');
    note = spec(session).requirements[0]!.notes[0]!;
    assert.equal(note.status, 'resolved');
    assert.deepEqual(note.replies, [{ author: 'Chair', created: '2020-01-21', body: 'Agreed.' }]);
    const files = specFiles(session, spec(session));
    assert.deepEqual(
      files.map((f) => f.name),
      ['anticipatory-care.spec.md', 'anticipatory-care.review.yaml'],
    );
    const review = parseReview(files[1]!.data as string);
    assert.deepEqual(review.problems, []);
    assert.equal(review.spec, 'anticipatory-care.spec.md');
    assert.equal(review.reviewer, 'LMC secretary');
    assert.equal(review.notes[0]!.quote, quote);
  });

  it('refuses an empty note and a quote that is not in the requirement, changing nothing', () => {
    const session = open();
    const s = spec(session);
    const requirement = s.requirements[0]!.id;
    assert.throws(() => addNoteTo(session, s, { requirement, stance: 'concern', body: '  ' }), ActionError);
    assert.throws(() => addNoteTo(session, s, { requirement, stance: 'concern', body: 'x', quote: 'words nowhere in it' }), /The quote is not in the text/);
    assert.equal(spec(session).sidecars.length, 0);
  });

  it('a malformed sidecar is shown with its findings and not edited', () => {
    const session = open();
    const requirement = spec(session).requirements[0]!.id;
    const text = `spec: anticipatory-care.spec.md\nnotes:\n  - id: n1\n    requirement: ${requirement}\n    stance: maybe\n    body: x\n`;
    session.open([{ name: 'anticipatory-care.review.yaml', bytes: new TextEncoder().encode(text) }]);
    const s = spec(session);
    assert.equal(s.sidecars[0]!.malformed, true);
    assert.ok(s.sidecars[0]!.findings.some((f) => f.code === 'invalid-review-file'));
    const note = s.sidecars[0]!.notes[0];
    if (note) {
      assert.equal(note.editable, false);
      assert.throws(() => replyTo(session, note, 'x'), ActionError);
    }
    // A new note goes to a new sidecar, never into the malformed one.
    addNoteTo(session, s, { requirement, stance: 'comment', body: 'x' });
    assert.equal(session.host.files.get('/w/1/anticipatory-care.review.yaml'), text);
    assert.equal(spec(session).sidecars.length, 2);
  });
});

describe('web page core: documents', () => {
  it('publication, review and redline are Word documents named after the spec', () => {
    const session = new Session();
    session.open([config(), ...filesOf('2019-12-draft')]);
    session.open(filesOf('2020-03-final'));
    const ehch = buildView(session).groups.find((g) => g.key === 'ehch')!;
    const [draft, final] = ehch.versions as [SpecView, SpecView];
    const isZip = (d: Uint8Array | string) => typeof d !== 'string' && d[0] === 0x50 && d[1] === 0x4b;
    const docs = [publication(draft), reviewDocument(session, draft), redline(draft, final, 'LMC')];
    assert.deepEqual(
      docs.map((d) => d.name),
      ['ehch.docx', 'ehch.review.docx', 'ehch.redline.docx'],
    );
    assert.ok(docs.every((d) => isZip(d.data)));
  });
});
