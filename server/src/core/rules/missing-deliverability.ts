import { missingFieldRule } from './missing-field.js';

/** Requirement with no Deliverability field, or an empty one. */
export const missingDeliverability = missingFieldRule(
  'missing-deliverability',
  'deliverability',
  'Deliverability',
  'no deliverability note',
  'a **Deliverability:** field, e.g. `amber: needs one extra pharmacist session a week`',
);
