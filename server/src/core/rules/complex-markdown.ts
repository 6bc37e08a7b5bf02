import { MARKDOWN_LIMITS } from '../markdown.js';
import type { Rule } from './types.js';

/**
 * Markdown past the parser limits (an overlong line, nesting too deep): that part is read as plain
 * text, so fields or workload written there are not seen. The text itself is kept (prose, quotes).
 */
export const complexMarkdown: Rule = {
  id: 'complex-markdown',
  defaultSeverity: 'warning',
  description: 'Markdown too long or too deeply nested to analyse; read as plain text',
  checkSpec({ spec, report }) {
    for (const limit of spec.markdownLimits) {
      const size = limit.size.toLocaleString('en-GB');
      if (limit.kind === 'long-line') {
        report(
          limit.range,
          `Line of ${size} characters: past character ${MARKDOWN_LIMITS.lineLength.toLocaleString('en-GB')} it is read as plain text, so Markdown there (fields, links, emphasis) is not analysed; break the line`
        );
      } else {
        const what =
          limit.unit === 'markers'
            ? `${size} block-quote or list markers on one line (limit ${MARKDOWN_LIMITS.markers})`
            : `indentation of ${size} columns (limit ${MARKDOWN_LIMITS.indent})`;
        report(
          limit.range,
          `Nesting too deep to analyse: ${what}; the rest of the line is read as plain text in the deepest allowed container`
        );
      }
    }
  },
};
