import type { Rule } from './types.js';

/** Missing or invalid front-matter keys, unterminated front-matter, YAML syntax errors. */
export const invalidFrontMatter: Rule = {
  id: 'invalid-front-matter',
  defaultSeverity: 'error',
  description: 'Missing or invalid front-matter key, unterminated front-matter, or a YAML error in it',
  checkSpec({ spec, report }) {
    for (const p of spec.frontMatter.problems) report(p.range, p.message, p.data);
  },
};
