/** Hover: on a requirement heading, its fields, costs and open review notes; inside a workload block, that block's costs. */
import { costRequirement } from '../core/estimator/estimate.js';
import { costHover, requirementAtHeading, requirementHover, reviewNotesHover } from '../core/hover.js';
import { escapeMarkdown } from '../core/escape.js';
import type { Range } from '../core/text.js';
import { historyOf } from './ledger.js';
import type { Settings } from './settings.js';
import type { ServiceWorkspace } from './workspace.js';

export interface HoverResult {
  markdown: string;
  range: Range;
}

export function hover(ws: ServiceWorkspace, file: string, offset: number, settings: Settings): HoverResult | undefined {
  const a = ws.analysisOf(file, settings);
  if (!a) return undefined;
  const { model, config } = a;
  const req = requirementAtHeading(model, offset);
  if (req) {
    const diagnostics = a.diagnostics.filter((d) => d.range.start >= req.range.start && d.range.start <= req.range.end);
    const parts = [
      requirementHover(model, req, config.config, diagnostics),
      costHover(costRequirement(req, config.config), config),
      reviewNotesHover(a.reviews, req.id),
      historyHover(ws, file, req.id, settings),
    ];
    return { markdown: parts.filter(Boolean).join('\n\n'), range: req.headingRange };
  }
  // Inside a workload block: that block's activities.
  const r = model.requirements.find((x) => offset >= x.range.start && offset <= x.range.end);
  const block = r?.workload.find((b) => offset >= b.range.start && offset <= b.range.end);
  if (!r || !block) return undefined;
  return { markdown: costHover(costRequirement({ ...r, workload: [block] }, config.config), config, `Workload of ${r.id}`), range: block.range };
}

/** The requirement's history through the earlier versions of the spec in the workspace (the ledger's line). */
function historyHover(ws: ServiceWorkspace, file: string, id: string, settings: Settings): string {
  const line = historyOf(ws, file, id, settings);
  return line ? `**History:** ${escapeMarkdown(line)}` : '';
}
