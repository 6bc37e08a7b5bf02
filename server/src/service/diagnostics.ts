/**
 * Diagnostics of the three kinds of file, through the one rule runner (`core/analyze.ts`) with the editor's
 * severities: a spec (its analysis, see `ServiceWorkspace.analysisOf`), a review sidecar (checked against
 * the spec it names, as `service-spec check` does) and a configuration file. Also the cost summary the
 * editor's status item shows.
 */
import { checkConfigFile, checkReviewFile } from '../core/analyze.js';
import type { SpecDiagnostic } from '../core/diagnostics.js';
import { ReadError } from '../project/host.js';
import type { Settings } from './settings.js';
import type { ServiceWorkspace, SpecAnalysis } from './workspace.js';

/** A review sidecar's diagnostics (undefined when it cannot be read). */
export function sidecarDiagnostics(ws: ServiceWorkspace, file: string, settings: Settings): SpecDiagnostic[] | undefined {
  if (!ws.onDisk(file)) return undefined;
  const review = ws.project.review(file);
  if (review instanceof ReadError) return undefined;
  if (!settings.enable) return [];
  const target = ws.project.reviewTarget(file, review, ws.rootOf(file));
  const spec = target.specAbs ? ws.specModel(target.specAbs) : undefined;
  return checkReviewFile(review, spec, target.problem, { config: ws.configFor(file, settings), severityOverrides: settings.rules });
}

/** A configuration file's own diagnostics (rule invalid-config). */
export function configDiagnostics(ws: ServiceWorkspace, configFile: string, settings: Settings): SpecDiagnostic[] {
  if (!settings.enable) return [];
  return checkConfigFile(ws.configFor(configFile, settings), { severityOverrides: settings.rules });
}

/** What the editor's status item shows for a spec: the profile and the yearly totals. */
export interface CostTotals {
  profile: string;
  profiles: string[];
  costPerPcn: number;
  costPerPractice: number;
  unfundedCostPerPcn: number;
}

export function costTotals(ws: ServiceWorkspace, a: SpecAnalysis): CostTotals {
  const t = ws.costOf(a).total;
  return {
    profile: a.config.profile,
    profiles: a.config.profiles,
    costPerPcn: t.costPerPcn,
    costPerPractice: t.costPerPractice,
    unfundedCostPerPcn: t.unfundedCostPerPcn,
  };
}
