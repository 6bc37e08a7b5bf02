import type { Rule } from './types.js';

/** Frequency phrases (docs/format.md, Requirements and fields), matched in titles and prose. */
export const FREQUENCY =
  /\b(?:daily|weekly|fortnightly|monthly|quarterly|annually|yearly|every\s+(?:day|week|fortnight|month|quarter|year)|(?:at\s+least\s+)?(?:once|twice)\s+(?:a|per|every)\s+(?:day|week|fortnight|month|quarter|year))\b/i;

const PREFILTER = /ly\b|every|once|twice/i;

/** A requirement that prescribes a frequency but carries no workload block, so nobody costed it. */
export const prescriptiveFrequencyWithoutWorkload: Rule = {
  id: 'prescriptive-frequency-without-workload',
  defaultSeverity: 'warning',
  description: 'Requirement whose text prescribes a frequency ("weekly", "at least once a month") with no workload block',
  checkRequirement({ report }, req) {
    if (req.workload.length) return;
    for (const span of req.prose) {
      // Every frequency phrase holds one of these; most prose holds none, and this test is cheap.
      if (!PREFILTER.test(span.text)) continue;
      const m = FREQUENCY.exec(span.text);
      if (!m) continue;
      const phrase = m[0].replace(/\s+/g, ' ');
      report(
        { start: span.offset + m.index, end: span.offset + m.index + m[0].length },
        `Requirement ${req.id} prescribes a frequency ("${phrase}") but has no workload block; add a \`\`\`workload block (role, minutes, every, per) so its cost can be estimated`,
        { phrase },
      );
      return;
    }
  },
};
