/**
 * The reviewer page's entry: reads the files the reader opens or drops (nothing leaves the page), keeps
 * the session and the reader's choices, renders, and turns buttons into notes and downloads.
 */
import './jitless.js';
import { ActionError, addNoteTo, publication, redline, replyTo, reviewDocument, setNoteStatus, sidecarFiles, specFiles, type Download } from './actions.js';
import { h, plural, replaceChildren } from './dom.js';
import { comparedPair, findingList, forgetCards, renderPage } from './render.js';
import { Session, type FileMessage, type OpenedFile } from './session.js';
import type { DownloadKind, Handlers, UiState } from './ui.js';
import { buildView, type PageView } from './views.js';
import type { Stance } from '../../server/src/core/review/sidecar.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const session = new Session();
const ui: UiState = { version: new Map(), compare: new Map(), filter: new Map(), showUnchanged: new Set(), errors: new Map(), open: new Set() };
let view: PageView | undefined;
let viewOf = -1;

function currentView(): PageView {
  if (!view || viewOf !== session.generation) {
    view = buildView(session);
    viewOf = session.generation;
  }
  return view;
}

function say(text: string): void {
  $('status').textContent = text;
}

function showMessages(messages: FileMessage[]): void {
  replaceChildren(
    $('messages'),
    messages.map((m) => h('li', { class: `msg-${m.level}` }, m.text)),
  );
}

/** Keeps what the reader typed in forms and where the focus was across a render. */
function render(focus?: string): void {
  const typed = new Map<string, string>();
  for (const el of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('#specs textarea[id], #specs input[type=text][id]'))
    typed.set(el.id, el.value);
  const focused = focus ?? document.activeElement?.id;
  const v = currentView();
  replaceChildren($('specs'), renderPage(v, ui, handlers), configSection(v));
  for (const [id, value] of typed) {
    const el = document.getElementById(id) as HTMLInputElement | null;
    if (el && !ui.errors.has(`cleared:${id}`)) el.value = value;
  }
  for (const k of [...ui.errors.keys()]) if (k.startsWith('cleared:')) ui.errors.delete(k);
  const profile = $('profile') as HTMLSelectElement;
  replaceChildren(
    profile,
    v.profiles.map((p) => h('option', { value: p, selected: p === v.profile }, p)),
  );
  profile.disabled = v.profiles.length < 2;
  $('empty').hidden = v.groups.length > 0 || v.looseSidecars.length > 0;
  $('clear').hidden = v.groups.length === 0 && v.looseSidecars.length === 0;
  if (focused) document.getElementById(focused)?.focus();
  document.body.dataset.generation = String(session.generation);
}

function configSection(v: PageView): HTMLElement | null {
  if (!v.configs.length) return null;
  return h(
    'section',
    { class: 'spec configs', 'aria-labelledby': 'configs-h' },
    h('h2', { id: 'configs-h' }, 'Configuration'),
    v.configs.map((c) =>
      h(
        'div',
        { class: 'block', 'data-config': c.shown },
        h('h3', {}, c.shown),
        h('p', {}, c.profiles.length ? `Profiles: ${c.profiles.join(', ')}` : 'No profiles.'),
        c.findings.length ? findingList(c.findings) : h('p', { class: 'clean' }, 'No findings.'),
      ),
    ),
  );
}

function save(d: Download): void {
  const blob = new Blob([typeof d.data === 'string' ? d.data : d.data.slice().buffer], { type: d.type });
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: d.name, hidden: true });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const reviewer = () => ($('reviewer') as HTMLInputElement).value.trim() || undefined;

function guard(formId: string | undefined, f: () => void): boolean {
  try {
    f();
    if (formId) ui.errors.delete(formId);
    return true;
  } catch (e) {
    if (!(e instanceof Error)) throw e;
    // A problem with what was entered is the reader's to fix; anything else is a bug worth a trace.
    if (!(e instanceof ActionError)) console.error(e);
    if (formId) ui.errors.set(formId, e.message);
    else say(e.message);
    render();
    return false;
  }
}

const handlers: Handlers = {
  session,
  rerender: () => render(),
  download(kind: DownloadKind, group, spec) {
    guard(undefined, () => {
      const files: Download[] =
        kind === 'spec'
          ? specFiles(session, spec)
          : kind === 'notes'
            ? sidecarFiles(session, spec)
            : kind === 'review'
              ? [reviewDocument(session, spec)]
              : kind === 'publication'
                ? [publication(spec)]
                : [redline(...comparedPair(group, ui), reviewer())];
      files.forEach(save);
      say(`Saved ${files.map((f) => f.name).join(' and ')}.`);
    });
  },
  addNote(specFile, req, form, formId) {
    let added = '';
    const ok = guard(formId, () => {
      const spec = currentView()
        .groups.flatMap((g) => g.versions)
        .find((v) => v.file === specFile);
      if (!spec) throw new ActionError('That document is no longer open.');
      added = addNoteTo(session, spec, { requirement: req, stance: form.stance as Stance, body: form.body, quote: form.quote, author: reviewer() }).id;
    });
    if (!ok) return;
    ui.open.delete(formId);
    for (const k of ['quote', 'body']) ui.errors.set(`cleared:${formId}-${k}`, '');
    say(`Note ${added} added to ${req}. Download review or Download notes to keep it.`);
    render(`${formId.replace(/-add$/, '')}`);
  },
  reply(note, body, formId) {
    if (!guard(formId, () => replyTo(session, note, body, reviewer()))) return;
    ui.open.delete(formId);
    ui.errors.set(`cleared:${formId}-body`, '');
    say(`Reply added to ${note.id}.`);
    render();
  },
  setStatus(note, status) {
    if (!guard(undefined, () => setNoteStatus(session, note, status))) return;
    say(`Note ${note.id} ${status === 'open' ? 'reopened' : status}.`);
    render();
  },
};

async function readAll(files: OpenedFile[] | Promise<OpenedFile[]>): Promise<void> {
  performance.mark('ss-open');
  document.body.dataset.busy = 'true';
  say('Reading…');
  // Let the page show that it is working before the import and the checks take the thread.
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  try {
    const list = await files;
    const messages = session.open(list);
    showMessages(messages);
    render();
    performance.mark('ss-findings');
    performance.measure('ss-first-findings', 'ss-open', 'ss-findings');
    // And once the browser has laid the page out and painted it.
    requestAnimationFrame(() => setTimeout(() => performance.measure('ss-first-findings-painted', 'ss-open'), 0));
    const v = currentView();
    const specs = v.groups.reduce((n, g) => n + g.versions.length, 0);
    const refused = messages.filter((m) => m.level === 'error').length;
    say(`${plural(list.length - refused, 'file')} opened${refused ? `, ${refused} refused` : ''}. ${plural(specs, 'spec')} open.`);
  } catch (e) {
    say(`Could not read the files: ${(e as Error).message}`);
  } finally {
    delete document.body.dataset.busy;
  }
}

async function fromInput(input: HTMLInputElement): Promise<OpenedFile[]> {
  const out: OpenedFile[] = [];
  for (const f of Array.from(input.files ?? []))
    out.push({ name: f.name, relativePath: f.webkitRelativePath || undefined, bytes: new Uint8Array(await f.arrayBuffer()) });
  input.value = '';
  return out;
}

/** Files and folders dropped on the page; a folder's files keep their path below it. */
async function fromDrop(items: DataTransferItemList): Promise<OpenedFile[]> {
  const out: OpenedFile[] = [];
  const file = (entry: FileSystemFileEntry) => new Promise<File>((res, rej) => entry.file(res, rej));
  const readDir = (dir: FileSystemDirectoryEntry) =>
    new Promise<FileSystemEntry[]>((res, rej) => {
      const reader = dir.createReader();
      const all: FileSystemEntry[] = [];
      const next = () => reader.readEntries((batch) => (batch.length ? (all.push(...batch), next()) : res(all)), rej);
      next();
    });
  const walk = async (entry: FileSystemEntry, top: boolean): Promise<void> => {
    if (entry.isFile) {
      const f = await file(entry as FileSystemFileEntry);
      out.push({ name: f.name, ...(top ? {} : { relativePath: entry.fullPath.replace(/^\//, '') }), bytes: new Uint8Array(await f.arrayBuffer()) });
    } else if (entry.isDirectory && !entry.name.startsWith('.') && entry.name !== 'node_modules') {
      for (const child of await readDir(entry as FileSystemDirectoryEntry)) await walk(child, false);
    }
  };
  const entries = Array.from(items)
    .map((i) => (i.kind === 'file' ? (i.webkitGetAsEntry?.() ?? null) : null))
    .filter((e): e is FileSystemEntry => e !== null);
  if (entries.length) for (const e of entries) await walk(e, true);
  else
    for (const i of Array.from(items)) {
      const f = i.getAsFile();
      if (f) out.push({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
    }
  return out;
}

function wire(): void {
  const open = $('open') as HTMLInputElement;
  open.addEventListener('change', () => void readAll(fromInput(open)));
  const folder = $('open-folder') as HTMLInputElement;
  folder.addEventListener('change', () => void readAll(fromInput(folder)));
  $('profile').addEventListener('change', (e) => {
    session.setProfile((e.target as HTMLSelectElement).value);
    say(`Costs under the ${session.profile} profile.`);
    render();
  });
  $('clear').addEventListener('click', () => {
    session.clear();
    forgetCards();
    ui.open.clear();
    ui.errors.clear();
    ui.version.clear();
    ui.compare.clear();
    ui.filter.clear();
    showMessages([]);
    say('Every document was closed.');
    render('open');
  });
  const zone = document.documentElement;
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    document.body.classList.add('dragging');
  });
  zone.addEventListener('dragleave', (e) => {
    if (e.relatedTarget === null) document.body.classList.remove('dragging');
  });
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    document.body.classList.remove('dragging');
    if (e.dataTransfer) void readAll(fromDrop(e.dataTransfer.items));
  });
  render();
  document.body.dataset.ready = 'true';
}

wire();
