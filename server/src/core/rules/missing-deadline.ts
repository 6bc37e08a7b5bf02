import { missingFieldRule } from './missing-field.js';

/** Requirement with no Deadline field, or an empty one. */
export const missingDeadline = missingFieldRule(
  'missing-deadline',
  'deadline',
  'Deadline',
  'no deadline',
  'a **Deadline:** field with an ISO date YYYY-MM-DD or `ongoing`',
);
