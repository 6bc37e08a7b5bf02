import { missingFieldRule } from './missing-field.js';

/** Requirement with no Funding field, or an empty one (`none` is how to say "deliberately unfunded"). */
export const missingFunding = missingFieldRule(
  'missing-funding',
  'funding',
  'Funding',
  'no funding source',
  'a **Funding:** field listing funding-source ids, or `none` if it is deliberately unfunded',
);
