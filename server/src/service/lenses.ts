/** Code lenses: the spec total, each costed requirement, and what changed since the version this one supersedes. */
import * as path from 'node:path';
import { diffSpecs } from '../core/diff/diff.js';
import { changeLenses, costLenses, type Lens } from '../core/features/lenses.js';
import type { Settings } from './settings.js';
import type { ServiceWorkspace } from './workspace.js';

export type { Lens };

export function lenses(ws: ServiceWorkspace, file: string, settings: Settings): Lens[] {
  if (!settings.enable) return [];
  const a = ws.analysisOf(file, settings);
  if (!a) return [];
  const [total, ...perRequirement] = costLenses(a.model, ws.costOf(a), a.config.profile);
  // What changed since the version this one supersedes, when that version is in the workspace.
  const fm = a.model.frontMatter.values;
  const index = ws.indexOf(file);
  const older =
    fm.supersedes && fm.id
      ? index
          .specsWithId(fm.id, ws.onDisk(file) ? path.dirname(file) : undefined)
          .concat(index.entries().filter((e) => e.id === fm.id))
          .find((e) => e.model.frontMatter.values.version === fm.supersedes && e.file !== file)
      : undefined;
  const changes = older && fm.supersedes ? changeLenses(a.model, diffSpecs(older.model, a.model, a.config.config, a.config.config), fm.supersedes) : [];
  return [total!, ...changes, ...perRequirement];
}
