import { field } from '../model.js';
import { daysBetween, parseIsoDate } from '../dates.js';
import type { Rule } from './types.js';

export const DEFAULT_MINIMUM_DAYS = 90;

/**
 * Deadline closer than `minimum-days` to the later of `published` and `consultation-closes`: the
 * December 2019 drafts were published two days before Christmas with April deadlines.
 */
export const shortLeadTime: Rule = {
  id: 'short-lead-time',
  defaultSeverity: 'warning',
  description: 'Deadline closer than the minimum lead time (default 90 days) to publication or the close of consultation',
  checkRequirement({ spec, settings, report }, req) {
    const published = parseIsoDate(spec.frontMatter.values.published ?? '');
    const closes = parseIsoDate(spec.frontMatter.values['consultation-closes'] ?? '');
    if (!published && !closes) return;
    const useCloses = closes && (!published || closes.dayNumber > published.dayNumber);
    const from = (useCloses ? closes : published)!;
    const fromText = useCloses
      ? `consultation closes (${spec.frontMatter.values['consultation-closes']})`
      : `publication (${spec.frontMatter.values.published})`;
    const minimum = settings['minimum-days'] ?? DEFAULT_MINIMUM_DAYS;
    const f = field(req, 'deadline');
    const deadline = f && parseIsoDate(f.value);
    if (!f || !deadline) return;
    // Before publication is deadline-before-publication's finding, not this one's.
    if (published && deadline.dayNumber < published.dayNumber) return;
    const days = daysBetween(from, deadline);
    if (days >= minimum) return;
    const when = days >= 0 ? `${days} day${days === 1 ? '' : 's'} after` : `${-days} day${days === -1 ? '' : 's'} before`;
    report(f.valueRange, `Deadline of ${req.id} (${f.value}) is ${when} ${fromText}; expected at least ${minimum} days of lead time`, {
      days,
      minimum,
    });
  },
};
