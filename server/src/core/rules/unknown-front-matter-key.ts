import { suggestKey } from '../frontMatter.js';
import type { Rule } from './types.js';

/** A front-matter key the format does not define (allowed, but often a typo). */
export const unknownFrontMatterKey: Rule = {
  id: 'unknown-front-matter-key',
  defaultSeverity: 'hint',
  description: 'Front-matter key that the format does not define',
  checkSpec({ spec, report }) {
    for (const e of spec.frontMatter.unknownKeys) {
      const hint = suggestKey(e.key);
      report(
        e.keyRange,
        `Front-matter key "${e.key}" is not defined by the format${hint ? `; did you mean "${hint}"?` : ''}`,
        hint ? { suggestion: hint } : undefined,
      );
    }
  },
};
