import { field } from '../model.js';
import { daysBetween, parseIsoDate } from '../dates.js';
import type { Rule } from './types.js';

/** Deadline earlier than the front-matter `published` date. */
export const deadlineBeforePublication: Rule = {
  id: 'deadline-before-publication',
  defaultSeverity: 'error',
  description: 'Deadline earlier than the date the spec was published',
  checkRequirement({ spec, report }, req) {
    const published = parseIsoDate(spec.frontMatter.values.published ?? '');
    if (!published) return;
    const f = field(req, 'deadline');
    const deadline = f && parseIsoDate(f.value);
    if (!f || !deadline) return;
    const days = daysBetween(deadline, published);
    if (days > 0) {
      report(
        f.valueRange,
        `Deadline of ${req.id} (${f.value}) is ${days} day${days === 1 ? '' : 's'} before the spec was published (${spec.frontMatter.values.published}); expected a date on or after publication`,
        { days },
      );
    }
  },
};
