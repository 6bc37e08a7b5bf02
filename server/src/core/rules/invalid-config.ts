import type { Rule } from './types.js';

/** A configuration file that does not parse or does not fit the schema (reported on that file). */
export const invalidConfig: Rule = {
  id: 'invalid-config',
  defaultSeverity: 'error',
  description: 'Configuration file (service-spec.config.yaml) that does not parse or fit the schema',
  checkConfig({ loaded, report }) {
    for (const p of loaded.problems) {
      // Unknown keys are warnings: the file is still used. Errors make the tools use the defaults.
      report(
        p.range,
        p.severity === 'error' && loaded.fellBack ? `${p.message}; using the built-in defaults instead` : p.message,
        undefined,
        p.severity === 'warning' ? 'warning' : undefined,
      );
    }
  },
};
