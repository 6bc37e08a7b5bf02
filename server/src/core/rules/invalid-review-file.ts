import type { Rule } from './types.js';

/** A review sidecar that does not parse, does not fit the format, or names a spec that cannot be read. */
export const invalidReviewFile: Rule = {
  id: 'invalid-review-file',
  defaultSeverity: 'error',
  description: 'Review sidecar (*.review.yaml) that does not parse or fit the format, or whose spec cannot be found',
  checkReview({ review, specProblem, report }) {
    for (const p of review.problems) report(p.range, p.message);
    if (specProblem) report(review.specRange, specProblem);
  },
};
