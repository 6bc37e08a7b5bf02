/**
 * Two versions side by side (the version diff: change kinds, field changes, changed words, cost deltas) and
 * the consultation ledger of three or more (each requirement through the versions, what became of the notes).
 */
import { describeChange } from '../../server/src/core/diff/html.js';
import { formatMoney } from '../../server/src/core/estimator/estimate.js';
import { describeEntry, type HistoryEntry, type LedgerThread } from '../../server/src/core/ledger/index.js';
import { compare, ledgerOf } from './actions.js';
import { h, plural } from './dom.js';
import { type Handlers, type UiState, signed, STANCE_LABEL, versionLabel } from './ui.js';
import type { SpecGroup, SpecView } from './views.js';

const KINDS = ['added', 'removed', 'modified', 'renumbered', 'moved', 'unchanged'] as const;

export function compareView(group: SpecGroup, [older, newer]: [SpecView, SpecView], id: string, ui: UiState, on: Handlers): HTMLElement {
  const { diff, summary } = compare(older, newer);
  const showAll = ui.showUnchanged.has(group.key);
  const rows = diff.requirements.filter((r) => showAll || r.change !== 'unchanged');
  const pick = (which: 'from' | 'to', current: SpecView) =>
    h(
      'select',
      {
        id: `${id}-compare-${which}`,
        onchange: (e: Event) => {
          const [a, b] = [older.file, newer.file];
          const v = (e.target as HTMLSelectElement).value;
          ui.compare.set(group.key, which === 'from' ? { from: v, to: b } : { from: a, to: v });
          on.rerender();
        },
      },
      group.versions.map((v) => h('option', { value: v.file, selected: v === current }, versionLabel(v))),
    );
  return h(
    'div',
    { class: 'block compare', id: `${id}-compare` },
    h('h3', {}, `Changes from ${older.version ?? older.shown} to ${newer.version ?? newer.shown}`),
    group.versions.length > 2
      ? h(
          'p',
          {},
          h('label', { for: `${id}-compare-from` }, 'From '),
          pick('from', older),
          ' ',
          h('label', { for: `${id}-compare-to` }, 'to '),
          pick('to', newer),
        )
      : null,
    h(
      'p',
      { class: 'delta' },
      'Cost change a year: ',
      h('strong', { class: 'delta-practice', 'data-value': summary.costDeltaPerPractice }, `${signed(summary.costDeltaPerPractice)} per practice`),
      ` · ${signed(summary.costDeltaPerPcn)} per PCN · ${signed(summary.costDeltaNational)} nationally`,
    ),
    h('p', { class: 'kinds' }, KINDS.map((k) => `${summary[k]} ${k}`).join(' · ')),
    diff.frontMatter.length
      ? h(
          'ul',
          { class: 'fm-changes', 'aria-label': 'Front-matter changes' },
          diff.frontMatter.map((f) => h('li', {}, `${f.field}: ${f.old ?? '—'} → ${f.new ?? '—'}`)),
        )
      : null,
    h(
      'p',
      {},
      h('input', {
        type: 'checkbox',
        id: `${id}-unchanged`,
        checked: showAll,
        onchange: () => (showAll ? ui.showUnchanged.delete(group.key) : ui.showUnchanged.add(group.key), on.rerender()),
      }),
      ' ',
      h('label', { for: `${id}-unchanged` }, 'Show unchanged requirements'),
    ),
    h(
      'table',
      { class: 'diff' },
      h('caption', { class: 'visually-hidden' }, 'Requirements changed'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Requirement', 'Change', 'What changed', 'Per practice'].map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((r) =>
          h(
            'tr',
            { class: `change-${r.change}`, 'data-requirement': r.id, 'data-change': r.change },
            h('th', { scope: 'row' }, r.change === 'renumbered' ? `${r.oldId} → ${r.id}` : r.id, ': ', r.title),
            h('td', { class: 'change' }, r.change, r.moved && r.change !== 'moved' ? ', moved' : ''),
            h(
              'td',
              {},
              r.fields.filter((f) => f.field !== 'Text').length
                ? h(
                    'ul',
                    {},
                    r.fields.filter((f) => f.field !== 'Text').map((f) => h('li', {}, describeChange(f))),
                  )
                : null,
              r.words
                ? h(
                    'p',
                    { class: 'words' },
                    r.words.map((w) => (w.added ? h('ins', {}, w.value) : w.removed ? h('del', {}, w.value) : w.value)),
                  )
                : null,
            ),
            h('td', { class: 'num', 'data-value': r.costDeltaPerPractice }, signed(r.costDeltaPerPractice)),
          ),
        ),
      ),
    ),
  );
}

function entryCell(e: HistoryEntry | undefined): HTMLElement {
  if (!e) return h('td', { class: 'absent' }, '—');
  if (e.change === 'removed') return h('td', { class: 'change-removed' }, 'removed');
  return h(
    'td',
    { class: `change-${e.change}` },
    h('span', { class: 'req-id' }, e.id ?? ''),
    ` ${e.change === 'present' ? '' : describeEntry(e)}`,
    h(
      'span',
      { class: 'entry-facts' },
      ` · deadline ${e.deadline ?? 'none'} · ${e.funding?.length ? e.funding.join(', ') : 'no funding'}${e.rating ? ` · ${e.rating}` : ''} · ${formatMoney(e.costPerPractice ?? 0)}/practice`,
    ),
  );
}

function notesCell(t: LedgerThread): HTMLElement {
  if (!t.notes.length) return h('td', {}, '—');
  return h(
    'td',
    {},
    h(
      'ul',
      {},
      t.notes.map((n) =>
        h('li', { 'data-outcome': n.outcome }, `${STANCE_LABEL[n.stance] ?? n.stance} (${n.reviewer ?? 'no reviewer'}, ${n.version ?? '?'}): ${n.outcome}`),
      ),
    ),
  );
}

export function ledgerView(group: SpecGroup, id: string, on: Handlers): HTMLElement {
  const ledger = ledgerOf(on.session, group);
  const s = ledger.summary;
  return h(
    'details',
    { class: 'block ledger', open: true },
    h('summary', {}, h('h3', { class: 'inline' }, `Consultation ledger: ${plural(group.versions.length, 'version')}`)),
    h(
      'p',
      {},
      `${plural(s.notes, 'note')}: ${s.outcomes.changed} on text that changed, ${s.outcomes.unchanged} unchanged, ${s.outcomes.removed} removed, ${s.outcomes.unanchored} unanchored. `,
      `Objections: ${s.objections.changed} met by a change, ${s.objections.unchanged} not, ${s.objections.removed} removed.`,
    ),
    h(
      'div',
      { class: 'scroll', tabindex: 0, role: 'region', 'aria-label': 'Ledger table' },
      h(
        'table',
        { id: `${id}-ledger` },
        h('caption', { class: 'visually-hidden' }, `Each requirement of ${group.title} through the versions`),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, 'Requirement'),
            ledger.versions.map((v) => h('th', { scope: 'col' }, v.version ?? v.path)),
            h('th', { scope: 'col' }, 'Notes'),
          ),
        ),
        h(
          'tbody',
          {},
          ledger.threads.map((t) => {
            const title = [...t.history].reverse().find((e) => e.title)?.title ?? '';
            return h(
              'tr',
              { 'data-thread': t.key },
              h('th', { scope: 'row' }, t.key, title ? `: ${title}` : ''),
              ledger.versions.map((_, i) => entryCell(t.history.find((e) => e.versionIndex === i))),
              notesCell(t),
            );
          }),
        ),
      ),
    ),
  );
}
