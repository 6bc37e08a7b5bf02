/** `service-spec cost`: workload cost per requirement, per PCN, per practice and nationally. */
import { runCost } from '../../node/cost.js';
import { formatOf, printErrors, UsageError, type Command } from '../command.js';
import { costHtml, costJson, costMarkdown, costText, summaryMarkdown, summaryText } from '../costFormat.js';
import { configFileOption } from './shared.js';

const FORMATS = ['text', 'json', 'markdown', 'html'] as const;

export const cost: Command = {
  name: 'cost',
  summary: 'workload cost per requirement, per PCN, per practice and nationally',
  help: `Usage: service-spec cost [PATH...] [options]

Costs the workload blocks of every *.spec.md below each PATH (files or folders; default .), each spec
under the configuration that applies to it. Workload that cannot be costed (an unknown role, say) is
named on stderr and in the report: it counts £0 in the figures.

Options:
  --format FORMAT    text, json, markdown or html (default text)
  --config FILE      use this configuration file for every spec
  --profile NAME     estimator profile from the configuration
  --summary          only the table of spec totals (with --format text or markdown)
  -h, --help         show this help

Exit status: 0, or 2 for usage or I/O errors (an unknown profile, a configuration with errors).
`,
  options: {
    format: { type: 'string' },
    config: { type: 'string' },
    profile: { type: 'string' },
    summary: { type: 'boolean' },
  },
  run(args, io) {
    const { values, positionals } = args;
    const format = formatOf(args, FORMATS);
    if (values.summary && format !== 'text' && format !== 'markdown')
      throw new UsageError(`--summary works with --format text or markdown, not ${format} (the ${format} report holds the totals)`);
    const result = runCost(positionals, { configFile: configFileOption(args), profile: values.profile as string | undefined });
    if (result.usageErrors.length) {
      printErrors(io, result.usageErrors);
      return 2;
    }
    printErrors(io, result.ioErrors);
    printErrors(
      io,
      result.warnings.map((w) => `${w.file}:${w.line}:${w.column}: ${w.message}`),
      'warning: ',
    );
    // JSON always prints its one document; a report is left out when nothing was read and an error said why.
    if (format === 'json') io.stdout(costJson(result));
    else if (!result.specs.length && result.ioErrors.length) return 2;
    else if (values.summary) io.stdout((format === 'markdown' ? summaryMarkdown(result) : summaryText(result)).join('\n') + '\n');
    else io.stdout(format === 'markdown' ? costMarkdown(result) : format === 'html' ? costHtml(result) : costText(result));
    return result.ioErrors.length ? 2 : 0;
  },
};
