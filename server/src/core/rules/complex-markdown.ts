import { MARKDOWN_LIMITS, type MarkdownLimit } from '../markdown.js';
import type { Rule } from './types.js';

/** At most this many findings per document; the last one counts the rest. */
const MAX_REPORTS = 100;

/**
 * Markdown past the parser limits (an overlong line, nesting too deep): that part is read as plain
 * text, so fields or workload written there are not seen. The text itself is kept (prose, quotes).
 * Consecutive lines over the same limit are one finding.
 */
export const complexMarkdown: Rule = {
  id: 'complex-markdown',
  defaultSeverity: 'warning',
  description: 'Markdown too long or too deeply nested to analyse; read as plain text',
  checkSpec({ spec, report, lineOf }) {
    const runs: { first: MarkdownLimit; last: MarkdownLimit; lines: number; size: number }[] = [];
    for (const limit of spec.markdownLimits) {
      const run = runs[runs.length - 1];
      const between = run ? spec.text.slice(run.last.range.end, limit.range.start) : '';
      if (run && run.first.kind === limit.kind && run.first.unit === limit.unit && /^[^\n]*\n[^\n]*$/.test(between)) {
        run.last = limit;
        run.lines++;
        run.size = Math.max(run.size, limit.size);
      } else runs.push({ first: limit, last: limit, lines: 1, size: limit.size });
    }
    runs.slice(0, MAX_REPORTS).forEach((run, i) => {
      const range = { start: run.first.range.start, end: run.last.range.end };
      const many = run.lines > 1;
      const where = many ? `${run.lines.toLocaleString('en-GB')} consecutive lines (to line ${lineOf(run.last.range.start)})` : '';
      const upTo = many ? 'up to ' : '';
      const size = run.size.toLocaleString('en-GB');
      const more =
        i === MAX_REPORTS - 1 && runs.length > MAX_REPORTS ? ` (and ${(runs.length - MAX_REPORTS).toLocaleString('en-GB')} more places in this file)` : '';
      if (run.first.kind === 'long-line') {
        report(
          range,
          `${many ? where + ' of' : 'Line of'} ${upTo}${size} characters: past character ${MARKDOWN_LIMITS.lineLength.toLocaleString('en-GB')} ${many ? 'each' : 'it'} is read as plain text, so Markdown there (fields, links, emphasis) is not analysed; break the line${more}`,
        );
      } else {
        const what =
          run.first.unit === 'markers'
            ? `${upTo}${size} block-quote or list markers on one line (limit ${MARKDOWN_LIMITS.markers})`
            : `indentation of ${upTo}${size} columns (limit ${MARKDOWN_LIMITS.indent})`;
        report(
          range,
          `Nesting too deep to analyse${many ? ' on ' + where : ''}: ${what}; the rest of ${many ? 'each' : 'the'} line is read as plain text in the deepest allowed container${more}`,
        );
      }
    });
  },
};
