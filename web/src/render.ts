/**
 * The page's body: one section per spec (its versions, buttons, summary, findings and costs tables,
 * requirements with their findings and notes, forms to add and answer notes), the comparison of two versions
 * and the ledger (compare.ts). Everything is built with `h`: document text is always text.
 */
import { formatHours } from '../../server/src/core/estimator/estimate.js';
import { STANCES } from '../../server/src/core/review/sidecar.js';
import { compareView, ledgerView } from './compare.js';
import { h, idPart, plural, type Child } from './dom.js';
import { type DownloadKind, type Filter, type Handlers, money, STANCE_LABEL, type UiState, versionLabel } from './ui.js';
import type { Finding, NoteView, PageView, RequirementView, SidecarView, SpecGroup, SpecView } from './views.js';

/** The version shown of a group: the one chosen, else the newest. */
export function shownVersion(group: SpecGroup, ui: UiState): SpecView {
  const chosen = ui.version.get(group.key);
  return group.versions.find((v) => v.file === chosen) ?? group.versions[group.versions.length - 1]!;
}

/** The two versions compared: as chosen, else the one before the shown one (or after it, for the oldest) and the shown one. */
export function comparedPair(group: SpecGroup, ui: UiState): [SpecView, SpecView] {
  const chosen = ui.compare.get(group.key);
  const find = (f: string | undefined) => group.versions.find((v) => v.file === f);
  const a = find(chosen?.from);
  const b = find(chosen?.to);
  if (a && b) return [a, b];
  const shown = shownVersion(group, ui);
  const i = group.versions.indexOf(shown);
  return i > 0 ? [group.versions[i - 1]!, shown] : [shown, group.versions[1]!];
}

export function renderPage(view: PageView, ui: UiState, on: Handlers): Child[] {
  const out: Child[] = view.groups.map((g, i) => specSection(g, i, ui, on));
  if (view.looseSidecars.length) out.push(looseSection(view.looseSidecars));
  return out;
}

function specSection(group: SpecGroup, g: number, ui: UiState, on: Handlers): HTMLElement {
  const spec = shownVersion(group, ui);
  const id = `g${g}`;
  const many = group.versions.length > 1;
  return h(
    'section',
    { class: 'spec', 'aria-labelledby': `${id}-h`, 'data-spec': group.key, 'data-file': spec.name, 'data-version': spec.version ?? '' },
    h('h2', { id: `${id}-h` }, group.title, ' ', h('span', { class: 'spec-id' }, `(${group.key.startsWith('/') ? spec.name : group.key})`)),
    many ? versionPicker(group, id, spec, ui, on) : null,
    sourceLine(spec),
    actions(group, spec, id, ui, on),
    ui.compare.has(group.key) && many ? compareView(group, comparedPair(group, ui), id, ui, on) : null,
    summary(spec, id),
    spec.config.unknownProfile
      ? h('p', { class: 'notice' }, `The profile “${spec.config.unknownProfile}” is not defined in ${spec.config.shown}: no costs are shown for this spec.`)
      : null,
    spec.config.costProblem ? h('p', { class: 'notice' }, spec.config.costProblem) : null,
    spec.imported?.report.unanchored.length ? unanchoredComments(spec) : null,
    tables(spec, id, ui),
    requirements(spec, id, ui, on),
    spec.unplacedNotes.length
      ? h('div', { class: 'block' }, h('h3', {}, 'Notes whose requirement is gone'), notesList(spec.unplacedNotes, `${id}-u`, ui, on))
      : null,
    spec.sidecars.some((s) => s.findings.length) ? sidecarFindings(spec.sidecars) : null,
    group.versions.length >= 3 ? ledgerView(group, id, on) : null,
  );
}

function versionPicker(group: SpecGroup, id: string, spec: SpecView, ui: UiState, on: Handlers): HTMLElement {
  return h(
    'p',
    { class: 'versions' },
    h('label', { for: `${id}-version` }, 'Version shown '),
    h(
      'select',
      {
        id: `${id}-version`,
        onchange: (e: Event) => {
          ui.version.set(group.key, (e.target as HTMLSelectElement).value);
          ui.compare.delete(group.key);
          on.rerender();
        },
      },
      group.versions.map((v) => h('option', { value: v.file, selected: v === spec }, versionLabel(v))),
    ),
    ` ${plural(group.versions.length, 'version')} open`,
  );
}

function sourceLine(spec: SpecView): HTMLElement {
  const imp = spec.imported;
  const bits: Child[] = [
    h('span', {}, 'File: ', h('span', { class: 'file' }, spec.shown)),
    spec.version ? ` · version ${spec.version}` : '',
    spec.status ? ` · ${spec.status}` : '',
    spec.published ? ` · published ${spec.published}` : '',
    ` · configuration: ${spec.config.shown}`,
  ];
  if (imp) {
    const r = imp.report;
    bits.push(
      h(
        'span',
        { class: 'imported' },
        ` · read from the Word document: ${plural(r.requirements.length, 'requirement')}, ${plural(r.trackedChanges, 'tracked change')} accepted, ${plural(r.notes.length, 'comment')} made notes, ${plural(r.tbcs, 'field')} written TBC`,
      ),
    );
  }
  return h('p', { class: 'source' }, bits);
}

function actions(group: SpecGroup, spec: SpecView, id: string, ui: UiState, on: Handlers): HTMLElement {
  const button = (label: string, kind: DownloadKind) =>
    h('button', { type: 'button', 'aria-describedby': `${id}-${kind}-d`, onclick: () => on.download(kind, group, spec) }, label);
  const hint = (kind: DownloadKind, text: string) => h('span', { id: `${id}-${kind}-d`, class: 'visually-hidden' }, text);
  const many = group.versions.length > 1;
  return h(
    'div',
    { class: 'actions', role: 'group', 'aria-label': `Files of ${group.title}` },
    button('Download spec', 'spec'),
    hint('spec', `${spec.name} as Markdown${spec.sidecars.length ? ', with its review notes' : ''}`),
    spec.sidecars.length ? [button('Download notes', 'notes'), hint('notes', 'the review notes (*.review.yaml)')] : null,
    button('Download review', 'review'),
    hint('review', 'Word document with every note as a comment'),
    button('Download publication', 'publication'),
    hint('publication', 'the spec as a Word document with costs'),
    many
      ? [
          h(
            'button',
            {
              type: 'button',
              'aria-expanded': String(ui.compare.has(group.key)),
              'aria-controls': `${id}-compare`,
              onclick: () => {
                if (ui.compare.has(group.key)) ui.compare.delete(group.key);
                else {
                  const [a, b] = comparedPair(group, ui);
                  ui.compare.set(group.key, { from: a.file, to: b.file });
                }
                on.rerender();
              },
            },
            'Compare',
          ),
          button('Download redline', 'redline'),
          hint('redline', 'Word document of the newer version with tracked changes against the older'),
        ]
      : null,
  );
}

function summary(spec: SpecView, id: string): HTMLElement {
  const lacking = (label: 'Deadline' | 'Funding' | 'Deliverability') => spec.requirements.filter((r) => r.lacks.includes(label)).length;
  const open = spec.notes.filter((n) => n.status === 'open').length;
  const rows: [string, Child][] = [
    ['Requirements', String(spec.requirements.length)],
    ['Without a deadline', String(lacking('Deadline'))],
    ['Without funding', String(lacking('Funding'))],
    ['Without a deliverability note', String(lacking('Deliverability'))],
    [
      'Findings',
      `${plural(spec.counts.error, 'error')}, ${plural(spec.counts.warning, 'warning')}${spec.counts.info + spec.counts.hint ? `, ${spec.counts.info + spec.counts.hint} other` : ''}`,
    ],
    ['Review notes', `${spec.notes.length} (${open} open)`],
  ];
  if (spec.cost) {
    const t = spec.cost.total;
    rows.push(
      ['Cost per practice a year', h('span', { class: 'money', 'data-value': t.costPerPractice }, money(t.costPerPractice))],
      ['Cost per PCN a year', h('span', { class: 'money', 'data-value': t.costPerPcn }, `${money(t.costPerPcn)} (${formatHours(t.hoursPerPcn)} hours)`)],
      ['Of which unfunded, per PCN', h('span', { class: 'money', 'data-value': t.unfundedCostPerPcn }, money(t.unfundedCostPerPcn))],
    );
  }
  return h(
    'div',
    { class: 'block summary' },
    h('h3', { id: `${id}-summary` }, 'Summary', spec.cost ? ` (costs under the ${spec.config.profile} profile)` : ''),
    h(
      'dl',
      { class: 'facts', 'aria-labelledby': `${id}-summary` },
      rows.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v))),
    ),
  );
}

function unanchoredComments(spec: SpecView): HTMLElement {
  const list = spec.imported!.report.unanchored;
  return h(
    'div',
    { class: 'block' },
    h('h3', {}, 'Comments outside every requirement'),
    h('p', {}, 'These Word comments are on text that is not a requirement, so they were not made notes:'),
    h(
      'ul',
      {},
      list.map((u) => h('li', { class: 'prewrap' }, u.author ? `${u.author}: ` : '', u.body)),
    ),
  );
}

/** The findings and the costs as tables, filled when opened (a long draft has thousands of rows). */
function tables(spec: SpecView, id: string, ui: UiState): HTMLElement {
  return h(
    'div',
    {},
    lazyDetails(`${id}-ft-open`, { class: 'block findings-table' }, `All findings (${spec.findings.length})`, ui, () =>
      findingsTable(spec.findings, `${id}-ft`),
    ),
    spec.cost ? lazyDetails(`${id}-ct-open`, { class: 'block costs-table' }, 'Costs per requirement', ui, () => costsTable(spec)) : null,
  );
}

/** A `<details>` whose content is made when it is first opened; it stays open across renders. */
function lazyDetails(key: string, attrs: Record<string, string>, summaryText: string, ui: UiState, fill: () => HTMLElement): HTMLDetailsElement {
  // Made on the summary's click (Enter and Space click it too), before the details opens, so the next Tab
  // already finds the content; `toggle` comes later, and covers opening it any other way.
  const summary = h('summary', {}, summaryText);
  const d = h('details', { ...attrs, open: ui.open.has(key) }, summary);
  if (d.open) d.appendChild(fill());
  summary.addEventListener('click', () => {
    if (!d.open && d.childElementCount === 1) d.appendChild(fill());
  });
  d.addEventListener('toggle', () => {
    if (d.open) ui.open.add(key);
    else ui.open.delete(key);
    if (d.open && d.childElementCount === 1) d.appendChild(fill());
  });
  return d;
}

export function findingsTable(findings: Finding[], id: string): HTMLElement {
  return h(
    'table',
    { id },
    h('caption', { class: 'visually-hidden' }, 'Findings'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Line', 'Severity', 'Rule', 'Requirement', 'Message'].map((c) => h('th', { scope: 'col' }, c)),
      ),
    ),
    h(
      'tbody',
      {},
      findings.map((f) =>
        h(
          'tr',
          { class: `sev-${f.severity}`, 'data-line': f.line, 'data-column': f.column, 'data-end-line': f.endLine, 'data-end-column': f.endColumn },
          h('td', {}, `${f.line}:${f.column}`),
          h('td', { class: 'f-sev' }, f.severity),
          h('td', { class: 'f-rule' }, h('code', {}, f.code)),
          h('td', { class: 'f-req' }, f.requirement ?? '—'),
          h('td', { class: 'f-msg' }, f.message),
        ),
      ),
    ),
  );
}

function costsTable(spec: SpecView): HTMLElement {
  const cell = (v: number) => h('td', { class: 'num', 'data-value': v }, money(v));
  return h(
    'table',
    {},
    h('caption', { class: 'visually-hidden' }, `Costs a year under the ${spec.config.profile} profile`),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Requirement', 'Hours per PCN', 'Per PCN', 'Per practice', 'Nationally', 'Funding'].map((c) => h('th', { scope: 'col' }, c)),
      ),
    ),
    h(
      'tbody',
      {},
      spec.requirements.map((r) =>
        h(
          'tr',
          { 'data-requirement': r.id },
          h('th', { scope: 'row' }, `${r.id}: ${r.title}`),
          h('td', { class: 'num', 'data-value': r.cost?.hoursPerPcn ?? 0 }, formatHours(r.cost?.hoursPerPcn ?? 0)),
          cell(r.cost?.costPerPcn ?? 0),
          cell(r.cost?.costPerPractice ?? 0),
          cell(r.cost?.costNational ?? 0),
          h('td', {}, r.funding ?? '—'),
        ),
      ),
    ),
  );
}

const FILTERS: [Filter, string][] = [
  ['all', 'All requirements'],
  ['lacking', 'Without a deadline, funding or deliverability note'],
  ['findings', 'With findings'],
  ['notes', 'With review notes'],
];

function requirements(spec: SpecView, id: string, ui: UiState, on: Handlers): HTMLElement {
  const filter = ui.filter.get(spec.file) ?? 'all';
  const shown = spec.requirements.filter(
    (r) => filter === 'all' || (filter === 'lacking' ? r.lacks.length > 0 : filter === 'findings' ? r.findings.length > 0 : r.notes.length > 0),
  );
  return h(
    'div',
    { class: 'block' },
    h('h3', {}, 'Requirements'),
    spec.documentFindings.length
      ? h('div', { class: 'doc-findings' }, h('h4', {}, 'Findings on the document itself'), findingList(spec.documentFindings))
      : null,
    h(
      'p',
      { class: 'filter' },
      h('label', { for: `${id}-filter` }, 'Show '),
      h(
        'select',
        {
          id: `${id}-filter`,
          onchange: (e: Event) => {
            ui.filter.set(spec.file, (e.target as HTMLSelectElement).value as Filter);
            on.rerender();
          },
        },
        FILTERS.map(([v, label]) => h('option', { value: v, selected: v === filter }, label)),
      ),
      ` ${shown.length} of ${spec.requirements.length}`,
    ),
    h(
      'ol',
      { class: 'reqs' },
      shown.map((r) => cachedCard(spec, r, `${id}-r${spec.requirements.indexOf(r)}`, ui, on)),
    ),
  );
}

/**
 * Cards drawn before are reused when nothing they show changed (a note added to one requirement of a
 * 1,000-requirement draft redraws one card). The key holds everything a card shows and the reader's state
 * in it; its handlers name the spec and requirement, never hold the view they were drawn from.
 */
const cards = new Map<string, { key: string; el: HTMLElement }>();

function cachedCard(spec: SpecView, r: RequirementView, id: string, ui: UiState, on: Handlers): HTMLElement {
  const state = (m: Iterable<string>) => [...m].filter((k) => k.startsWith(`${id}-`));
  const key = JSON.stringify([spec.file, r, state(ui.open), state(ui.errors.keys()).map((k) => [k, ui.errors.get(k)])]);
  const slot = `${spec.file}\u0000${id}`;
  const hit = cards.get(slot);
  if (hit?.key === key) return hit.el;
  const el = requirementCard(spec, r, id, ui, on);
  cards.set(slot, { key, el });
  return el;
}

/** Forgets the drawn cards (every document closed). */
export function forgetCards(): void {
  cards.clear();
}

function requirementCard(spec: SpecView, r: RequirementView, id: string, ui: UiState, on: Handlers): HTMLElement {
  const fieldRow = (label: string, value: string | null, lacking: boolean) =>
    h('div', { class: lacking ? 'lacking' : '' }, h('dt', {}, label), h('dd', { class: 'prewrap' }, value === null ? 'missing' : value || 'empty'));
  return h(
    'li',
    { class: 'req', id, 'data-requirement': r.id, tabindex: -1 },
    h('h4', {}, h('span', { class: 'req-id' }, r.id), ': ', r.title),
    r.section ? h('p', { class: 'section' }, `In “${r.section}” · line ${r.line}`) : h('p', { class: 'section' }, `Line ${r.line}`),
    r.text.length
      ? h(
          'div',
          { class: 'req-text' },
          r.text.map((t) => h('p', { class: 'prewrap' }, t)),
        )
      : null,
    h(
      'dl',
      { class: 'fields' },
      fieldRow('Deadline', r.deadline, r.lacks.includes('Deadline')),
      fieldRow('Funding', r.funding, r.lacks.includes('Funding')),
      fieldRow('Deliverability', r.deliverability, r.lacks.includes('Deliverability')),
    ),
    r.cost && r.cost.hoursPerPcn === 0
      ? h('p', { class: 'cost' }, 'Cost: no workload stated, so none is counted.')
      : r.cost
        ? h(
            'p',
            { class: 'cost' },
            'Cost a year: ',
            h('span', { class: 'per-practice', 'data-value': r.cost.costPerPractice }, `${money(r.cost.costPerPractice)} per practice`),
            ' · ',
            h('span', { class: 'per-pcn', 'data-value': r.cost.costPerPcn }, `${money(r.cost.costPerPcn)} per PCN`),
            ` · ${formatHours(r.cost.hoursPerPcn)} hours per PCN`,
            r.cost.unfunded && r.cost.costPerPcn > 0 ? h('strong', { class: 'unfunded' }, ' · unfunded') : null,
          )
        : null,
    r.findings.length ? findingList(r.findings) : h('p', { class: 'clean' }, 'No findings.'),
    r.notes.length ? notesList(r.notes, id, ui, on) : null,
    addNoteForm(spec, r, id, ui, on),
  );
}

export function findingList(findings: Finding[]): HTMLElement {
  return h(
    'ul',
    { class: 'findings', 'aria-label': plural(findings.length, 'finding') },
    findings.map((f) =>
      h(
        'li',
        { class: `sev-${f.severity}` },
        h('span', { class: 'badge' }, f.severity),
        ' ',
        h('code', { class: 'f-rule' }, f.code),
        ' ',
        h('span', { class: 'f-msg' }, f.message),
        h('span', { class: 'f-line' }, ` (line ${f.line})`),
      ),
    ),
  );
}

function anchorText(n: NoteView): string | null {
  if (n.anchor === 'reanchored') return `written on ${n.requirement}; its quote is now in ${n.currentRequirement}`;
  if (n.anchor === 'stale') return 'the quoted words are no longer in the requirement';
  if (n.anchor === 'orphaned') return `${n.requirement} is gone and the quote is nowhere`;
  return null;
}

export function notesList(notes: NoteView[], id: string, ui: UiState, on: Handlers): HTMLElement {
  return h(
    'ul',
    { class: 'notes', 'aria-label': plural(notes.length, 'review note') },
    notes.map((n) => note(n, `${id}-n-${idPart(n.sidecar)}-${idPart(n.id)}`, ui, on)),
  );
}

function note(n: NoteView, id: string, ui: UiState, on: Handlers): HTMLElement {
  const where = anchorText(n);
  const statusButton = (label: string, status: 'open' | 'resolved' | 'withdrawn') =>
    h('button', { type: 'button', class: 'small', disabled: !n.editable, onclick: () => on.setStatus(n, status) }, label);
  return h(
    'li',
    { class: `note stance-${n.stance} status-${n.status}`, id, 'data-note': n.id },
    h(
      'p',
      { class: 'note-head' },
      h('strong', { class: 'stance' }, STANCE_LABEL[n.stance] ?? n.stance),
      ' · ',
      h('span', { class: 'status' }, n.status),
      n.author ? ` · ${n.author}` : '',
      n.created ? `, ${n.created}` : '',
      h('span', { class: 'note-id' }, ` · ${n.id} in ${n.sidecarShown}`),
    ),
    where ? h('p', { class: 'anchor' }, where) : null,
    n.quote ? h('blockquote', { class: 'quote' }, n.quote) : null,
    n.body ? h('p', { class: 'body prewrap' }, n.body) : null,
    n.replies.length
      ? h(
          'ol',
          { class: 'replies', 'aria-label': 'Replies' },
          n.replies.map((r) =>
            h(
              'li',
              {},
              h('span', { class: 'reply-head' }, `${r.author ?? 'Someone'}${r.created ? `, ${r.created}` : ''}: `),
              h('span', { class: 'prewrap' }, r.body ?? ''),
            ),
          ),
        )
      : null,
    h(
      'p',
      { class: 'note-actions' },
      h(
        'button',
        {
          type: 'button',
          class: 'small',
          disabled: !n.editable,
          'aria-expanded': String(ui.open.has(`${id}-reply`)),
          onclick: () => {
            ui.open.add(`${id}-reply`);
            on.rerender();
          },
        },
        'Reply',
      ),
      n.status === 'open' ? [statusButton('Resolve', 'resolved'), statusButton('Withdraw', 'withdrawn')] : statusButton('Reopen', 'open'),
    ),
    ui.open.has(`${id}-reply`) ? replyForm(n, `${id}-reply`, ui, on) : null,
  );
}

function replyForm(n: NoteView, id: string, ui: UiState, on: Handlers): HTMLElement {
  const error = ui.errors.get(id);
  return h(
    'form',
    {
      class: 'reply-form',
      id,
      onsubmit: (e: Event) => {
        e.preventDefault();
        on.reply(n, (document.getElementById(`${id}-body`) as HTMLTextAreaElement).value, id);
      },
    },
    h('label', { for: `${id}-body` }, `Reply to ${n.id}`),
    h('textarea', { id: `${id}-body`, rows: 3, 'aria-describedby': error ? `${id}-err` : undefined }),
    error ? h('p', { class: 'error', id: `${id}-err`, role: 'alert' }, error) : null,
    h(
      'p',
      {},
      h('button', { type: 'submit' }, 'Send reply'),
      ' ',
      h('button', { type: 'button', onclick: () => (ui.open.delete(id), on.rerender()) }, 'Cancel'),
    ),
  );
}

function addNoteForm(spec: SpecView, r: RequirementView, id: string, ui: UiState, on: Handlers): HTMLElement {
  const formId = `${id}-add`;
  return lazyDetails(formId, { class: 'add-note' }, `Add a note to ${r.id}`, ui, () => {
    const error = ui.errors.get(formId);
    return h(
      'form',
      {
        id: formId,
        onsubmit: (e: Event) => {
          e.preventDefault();
          const value = (k: string) => (document.getElementById(`${formId}-${k}`) as HTMLInputElement).value;
          on.addNote(spec.file, r.id, { stance: value('stance'), quote: value('quote'), body: value('body') }, formId);
        },
      },
      h(
        'p',
        {},
        h('label', { for: `${formId}-stance` }, 'Stance'),
        h(
          'select',
          { id: `${formId}-stance` },
          STANCES.map((s) => h('option', { value: s }, STANCE_LABEL[s]!)),
        ),
      ),
      h(
        'p',
        {},
        h('label', { for: `${formId}-quote` }, 'Quote (optional: words of the requirement the note is about)'),
        h('input', { id: `${formId}-quote`, type: 'text', autocomplete: 'off' }),
      ),
      h(
        'p',
        {},
        h('label', { for: `${formId}-body` }, 'Note'),
        h('textarea', { id: `${formId}-body`, rows: 3, 'aria-describedby': error ? `${formId}-err` : undefined }),
      ),
      error ? h('p', { class: 'error', id: `${formId}-err`, role: 'alert' }, error) : null,
      h('p', {}, h('button', { type: 'submit' }, 'Save note')),
    );
  });
}

function sidecarFindings(sidecars: SidecarView[]): HTMLElement {
  return h(
    'div',
    { class: 'block' },
    h('h3', {}, 'Findings in the review notes'),
    sidecars.filter((s) => s.findings.length).map((s) => h('div', { 'data-sidecar': s.shown }, h('h4', {}, s.shown), findingList(s.findings))),
  );
}

function looseSection(sidecars: SidecarView[]): HTMLElement {
  return h(
    'section',
    { class: 'spec', 'aria-labelledby': 'loose-h' },
    h('h2', { id: 'loose-h' }, 'Reviews whose spec is not open'),
    sidecars.map((s) =>
      h(
        'div',
        { class: 'block', 'data-sidecar': s.shown },
        h('h3', {}, s.shown),
        h('p', {}, s.specProblem ?? (s.malformed ? 'This review file is malformed.' : 'Open the spec it reviews to see where its notes belong.')),
        s.findings.length ? findingList(s.findings) : null,
        h(
          'ul',
          { class: 'notes' },
          s.notes.map((n) =>
            h(
              'li',
              { class: 'note' },
              h('strong', {}, STANCE_LABEL[n.stance] ?? n.stance),
              ` on ${n.requirement}: `,
              h('span', { class: 'prewrap' }, n.body ?? ''),
            ),
          ),
        ),
      ),
    ),
  );
}
