import { field } from '../model.js';
import { closest } from '../suggest.js';
import { isPlaceholder, type Rule } from './types.js';

/** Funding id that the configuration does not define; suggests the closest one. */
export const unknownFundingSource: Rule = {
  id: 'unknown-funding-source',
  defaultSeverity: 'error',
  description: 'Funding id that is not a funding source of the configuration',
  checkRequirement({ config, report }, req) {
    const f = field(req, 'funding');
    if (!f) return;
    for (const part of f.parts) {
      if (part.text.toLowerCase() === 'none' || isPlaceholder(part.text)) continue;
      if (Object.hasOwn(config.funding.sources, part.text)) continue;
      const known = Object.keys(config.funding.sources).sort();
      const list = known.length ? known.join(', ') : '(none configured)';
      const hint = closest(part.text, known);
      report(
        part.range,
        `Funding source "${part.text}" of ${req.id} is not in the configuration; ${hint ? `did you mean "${hint}"? ` : ''}expected one of ${list}, or \`none\``,
        hint ? { suggestion: hint } : undefined,
      );
    }
  },
};
