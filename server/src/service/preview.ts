/** The side preview (requirement cards, every text escaped) and the comparison with another version of a spec. */
import * as path from 'node:path';
import type { LoadedConfig } from '../core/config.js';
import { diffSpecs } from '../core/diff/diff.js';
import { diffBody } from '../core/diff/html.js';
import { previewBody } from '../core/features/preview.js';
import { parseSpec } from '../core/parse.js';
import { ServiceError, type ServiceHost } from './host.js';
import type { Settings } from './settings.js';
import type { ServiceWorkspace } from './workspace.js';

/** The preview's HTML body for an open spec, with the document version it shows. */
export function preview(ws: ServiceWorkspace, file: string, settings: Settings): { version: number; html: string } | undefined {
  const a = ws.analysisOf(file, settings);
  if (!a) return undefined;
  return { version: a.version, html: previewBody(a.model, a.diagnostics, ws.costOf(a), a.config.profile) };
}

/** The other side of a comparison: another spec file, or this file at a git revision. */
export type CompareWith = { file: string } | { rev: string };

/** The other version of a comparison: its text, its label, the configuration it is costed under. */
export interface OtherVersion {
  text: string;
  label: string;
  config: LoadedConfig;
}

/** Reads the other side of a comparison; a ServiceError says why it cannot be read. */
export function otherVersion(
  ws: ServiceWorkspace,
  host: Pick<ServiceHost, 'showAtRevision'>,
  file: string,
  other: CompareWith,
  settings: Settings,
): OtherVersion {
  try {
    if ('rev' in other) {
      if (!ws.onDisk(file)) throw new Error('this document is not a file, so it has no git history');
      return { text: host.showAtRevision(file, other.rev), label: other.rev, config: ws.configFor(file, settings) };
    }
    return { text: ws.textOf(other.file), label: path.basename(other.file), config: ws.configFor(other.file, settings) };
  } catch (e) {
    throw new ServiceError(`cannot read the other version: ${(e as Error).message.split('\n')[0]}`);
  }
}

/**
 * The comparison's HTML body: from the other version to the open spec, each side costed with its own
 * configuration (a revision uses this file's). A ServiceError says why the other version cannot be read.
 */
export function compare(
  ws: ServiceWorkspace,
  host: Pick<ServiceHost, 'showAtRevision'>,
  file: string,
  other: CompareWith,
  settings: Settings,
): { html: string } {
  const a = ws.analysisOf(file, settings);
  if (!a) throw new ServiceError('open the spec first');
  const o = otherVersion(ws, host, file, other, settings);
  const old = parseSpec(o.text);
  const d = diffSpecs(old, a.model, o.config.config, a.config.config);
  return { html: diffBody(d, old.frontMatter.values.version ?? o.label, a.model.frontMatter.values.version ?? 'this version') };
}

/** The profiles of the configuration that applies to a file, for the editor's "switch profile" command. */
export function profiles(ws: ServiceWorkspace, file: string, settings: Settings): { active: string; profiles: string[]; config: string | null } {
  const c = ws.configFor(file, settings);
  return { active: c.profile, profiles: c.profiles, config: c.path };
}
