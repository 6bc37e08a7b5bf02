/** The consultation ledger (`service-spec ledger`): threads, notes and their outcomes, summaries. */
export { buildLedger, deadlineOf, outcomeOf, ratingOf, specKeyOf } from './build.js';
export { describeEntry, describeField, findThread, historyLine, requirementHistory } from './history.js';
export { ledgerDocument, ledgerJson } from './json.js';
export { NO_REVIEWER, summariseLedger } from './summary.js';
export * from './types.js';
