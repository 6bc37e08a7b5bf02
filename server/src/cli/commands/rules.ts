/** `service-spec rules`: the rules, their default severities and what they report. */
import { RULES } from '../../core/rules/index.js';
import { UsageError, type Command } from '../command.js';

export const rules: Command = {
  name: 'rules',
  summary: 'list the rules with their default severity',
  help: `Usage: service-spec rules

Lists every rule: its id (the diagnostic code), its default severity and what it reports. Each rule has
a page in docs/rules/<id>.md; severities are set in service-spec.config.yaml (rules.<id>.severity).

Options:
  -h, --help    show this help
`,
  options: {},
  run(args, io) {
    if (args.positionals.length) throw new UsageError(`rules takes no arguments, not "${args.positionals[0]}"`);
    for (const r of RULES) io.stdout(`${r.id.padEnd(42)} ${r.defaultSeverity.padEnd(8)} ${r.description}\n`);
    return 0;
  },
};
