/**
 * The rule registry: every rule, in documentation order. A rule is one file exporting one `Rule`; its
 * docs are docs/rules/<id>.md and its fixtures test/fixtures/rules/<id>/{ok,not-ok}/ (a test checks).
 */
import type { Rule } from './types.js';
import { missingDeadline } from './missing-deadline.js';
import { missingFunding } from './missing-funding.js';
import { missingDeliverability } from './missing-deliverability.js';
import { invalidDeadline } from './invalid-deadline.js';
import { deadlineBeforePublication } from './deadline-before-publication.js';
import { shortLeadTime } from './short-lead-time.js';
import { unknownFundingSource } from './unknown-funding-source.js';
import { placeholderValue } from './placeholder-value.js';
import { duplicateRequirementId } from './duplicate-requirement-id.js';
import { duplicateField } from './duplicate-field.js';
import { invalidFrontMatter } from './invalid-front-matter.js';
import { unknownFrontMatterKey } from './unknown-front-matter-key.js';
import { invalidWorkload } from './invalid-workload.js';
import { prescriptiveFrequencyWithoutWorkload } from './prescriptive-frequency-without-workload.js';
import { danglingReference } from './dangling-reference.js';
import { invalidConfig } from './invalid-config.js';
import { invalidReviewFile } from './invalid-review-file.js';
import { staleReviewNote } from './stale-review-note.js';
import { orphanedReviewNote } from './orphaned-review-note.js';
import { reanchoredReviewNote } from './reanchored-review-note.js';
import { openObjection } from './open-objection.js';
import { unfundedWorkload } from './unfunded-workload.js';
import { fundingShortfall } from './funding-shortfall.js';
import { complexMarkdown } from './complex-markdown.js';

export const RULES: readonly Rule[] = [
  missingDeadline,
  missingFunding,
  missingDeliverability,
  invalidDeadline,
  deadlineBeforePublication,
  shortLeadTime,
  unknownFundingSource,
  placeholderValue,
  duplicateRequirementId,
  duplicateField,
  invalidFrontMatter,
  unknownFrontMatterKey,
  invalidWorkload,
  unfundedWorkload,
  fundingShortfall,
  prescriptiveFrequencyWithoutWorkload,
  danglingReference,
  invalidConfig,
  invalidReviewFile,
  staleReviewNote,
  orphanedReviewNote,
  reanchoredReviewNote,
  openObjection,
  complexMarkdown,
];

export const RULE_IDS: readonly string[] = RULES.map((r) => r.id);

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}

export type { Rule };
