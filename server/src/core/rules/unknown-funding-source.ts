import { field } from '../model.js';
import { closest } from '../suggest.js';
import { isPlaceholder, type Rule } from './types.js';

/** Funding id that the configuration does not define; suggests the closest one. */
export const unknownFundingSource: Rule = {
  id: 'unknown-funding-source',
  defaultSeverity: 'error',
  description: 'Funding id that is not a funding source of the configuration',
  checkSpec({ spec, config, report }) {
    const known = Object.keys(config.funding.sources).sort();
    const list = known.length ? known.join(', ') : '(none configured)';
    // The same unknown id tends to recur (a typo copied from requirement to requirement): suggest once.
    const hints = new Map<string, string | undefined>();
    for (const req of spec.requirements) {
      const f = field(req, 'funding');
      if (!f) continue;
      for (const part of f.parts) {
        if (part.text.toLowerCase() === 'none' || isPlaceholder(part.text)) continue;
        if (Object.hasOwn(config.funding.sources, part.text)) continue;
        if (!hints.has(part.text)) hints.set(part.text, closest(part.text, known));
        const hint = hints.get(part.text);
        report(
          part.range,
          `Funding source "${part.text}" of ${req.id} is not in the configuration; ${hint ? `did you mean "${hint}"? ` : ''}expected one of ${list}, or \`none\``,
          hint ? { suggestion: hint } : undefined,
        );
      }
    }
  },
};
