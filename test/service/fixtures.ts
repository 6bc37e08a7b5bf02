/** A workspace in memory for the language service tests: two specs referring to each other, a sidecar, open documents. */
import { MemoryHost } from '../../server/src/project/host.js';
import { Project } from '../../server/src/project/project.js';
import { DEFAULT_SETTINGS, LanguageService, memoryServiceHost, type OpenDocument, type ServiceHost, type Settings } from '../../server/src/service/index.js';
import { joinLines } from '../helpers/golden.js';

export const FM = (id: string, extra: string[] = []) =>
  joinLines('---', `id: ${id}`, 'title: T', 'version: 1', 'status: draft', 'published: 2020-03-31', ...extra, '---');

export const A = joinLines(
  FM('ehch'),
  '# EHCH',
  '## Home rounds',
  '### EHCH-1: Lead',
  'The network names a lead for each home.',
  '',
  '- **Deadline:** 31/10/2020',
  '- **Funding:** care-home-premum',
  '- **Deliverability:** green: in post',
  '',
  '### EHCH-2: Round',
  'A round.',
  '',
  '- **Deadline:** 2020-10-01',
  '- **Funding:** arrs',
  '- **Deliverability:** green: ok',
  '- **Depends on:** EHCH-1, smr/SMR-1, smr/SMR-9',
  '',
  '```workload',
  '- role: gp',
  '  minutes: 60',
  '  every: fortnight',
  '  per: care-home',
  '```',
  '',
);

export const B = joinLines(
  FM('smr'),
  '### SMR-1: Reviews',
  '- **Deadline:** 2020-10-01',
  '- **Funding:** arrs',
  '- **Deliverability:** green: ok',
  '- **Depends on:** ehch/EHCH-1',
  '',
);

export const REVIEW = joinLines(
  'spec: ehch.spec.md',
  'reviewer: LMC',
  'notes:',
  '  - id: a',
  '    requirement: EHCH-1',
  '    quote: names a lead for each home',
  '    stance: object',
  '    status: open',
  '    body: Leads need *time*.',
  '  - id: b',
  '    requirement: EHCH-2',
  '    quote: names a lead for each home',
  '    stance: concern',
  '    status: open',
  '    body: Moved.',
  '',
);

/** Open documents keyed by path, with versions. */
export class Docs {
  readonly map = new Map<string, OpenDocument>();
  get(file: string): OpenDocument | undefined {
    return this.map.get(file);
  }
  set(file: string, text: string): void {
    this.map.set(file, { text, version: (this.map.get(file)?.version ?? 0) + 1 });
  }
}

export interface Fixture {
  files: MemoryHost;
  docs: Docs;
  service: LanguageService;
  host: ServiceHost;
  /** Opens a document (its text wins over the file) and tells the service. */
  open(file: string, text?: string): void;
  edit(file: string, text: string): void;
  settings: Settings;
}

export function fixture(
  files: Record<string, string>,
  options: { folders?: string[]; indexInBackground?: (root: string) => void; host?: ServiceHost } = {},
): Fixture {
  const memory = new MemoryHost(files);
  const docs = new Docs();
  const host = options.host ?? memoryServiceHost(memory, '2020-05-01');
  // Open documents win over the files, as the server's overlay host does.
  const overlay = {
    ...memory,
    readText: (f: string) => docs.get(f)?.text ?? memory.readText(f),
    isFile: (f: string) => docs.get(f) !== undefined || memory.isFile(f),
  };
  const projectHost = {
    readText: overlay.readText,
    isFile: overlay.isFile,
    listFiles: (root: string, suffixes: readonly string[]) => memory.listFiles(root, suffixes),
    realPath: (f: string) => memory.realPath(f),
  };
  const service = new LanguageService({
    project: new Project(projectHost),
    documents: docs,
    host,
    folders: options.folders,
    indexInBackground: options.indexInBackground,
  });
  const isSpec = (f: string) => f.endsWith('.spec.md');
  return {
    files: memory,
    docs,
    service,
    host,
    settings: { ...DEFAULT_SETTINGS },
    open(file, text) {
      docs.set(file, text ?? memory.readText(file));
      service.workspace.opened(file, isSpec(file));
    },
    edit(file, text) {
      docs.set(file, text);
      service.workspace.edited(file);
    },
  };
}
