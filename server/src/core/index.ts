/** The pure core: parse, model, rules. No editor, LSP or file-system imports below this folder. */
export * from './text.js';
export * from './model.js';
export * from './diagnostics.js';
export * from './dates.js';
export { parseSpec, ChunkCache, type ParseOptions } from './parse.js';
export * from './config.js';
export { DEFAULT_CONFIG, ESTIMATOR_SOURCES } from './defaults.js';
export * from './analyze.js';
export * from './workspace.js';
export { RULES, RULE_IDS, ruleById } from './rules/index.js';
export type { Rule } from './rules/types.js';
export * from './review/sidecar.js';
export * from './review/anchor.js';
export type { ReviewOfSpec } from './rules/types.js';
