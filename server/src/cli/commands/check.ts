/** `service-spec check`: findings for specs, sidecars and configuration files; `--fix` applies the safe fixes. */
import { DEFAULT_CACHE_FILE, ParseCache } from '../../node/cache.js';
import { runCheck } from '../../node/check.js';
import { fixFiles, fixOutcome } from '../../node/fix.js';
import { packageVersion } from '../../node/paths.js';
import { nodeProject } from '../../node/project.js';
import { colour, formatOf, printErrors, UsageError, type Command } from '../command.js';
import { formatJson, formatSarif, formatText, summary, toJsonFiles } from '../format.js';
import { configFileOption } from './shared.js';

const FORMATS = ['text', 'json', 'sarif'] as const;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const check: Command = {
  name: 'check',
  summary: 'check service specs, review sidecars and configuration (files or folders; default .)',
  help: `Usage: service-spec check [PATH...] [options]

Checks every *.spec.md and *.review.yaml below each PATH (files or folders; default .), and the
configuration files that apply to them. A PATH that does not exist, or a folder with none of those files,
is an error.

Options:
  --format FORMAT          text, json or sarif (default text)
  --config FILE            use this configuration file for every spec (the workspace folder, for
                           spec-id/REQ-ID references, is still the nearest service-spec.config.yaml's)
  --profile NAME           estimator profile from the configuration
  --fix                    apply the safe fixes (missing fields as TBC, date rewrites, closest ids,
                           renumbering); a file changed since it was checked is left alone
  --cache                  keep findings and parsed specs in ${DEFAULT_CACHE_FILE}; reuse them while nothing
                           they depend on changed
  --cache-location FILE    where to keep the cache (implies --cache)
  --threads N              threads for parsing (default: one per core; 1 for none)
  --no-color               plain text output
  -h, --help               show this help

Exit status: 0 no errors, 1 error-severity findings, 2 usage or I/O errors (2 wins over 1).
`,
  options: {
    format: { type: 'string' },
    config: { type: 'string' },
    profile: { type: 'string' },
    fix: { type: 'boolean' },
    cache: { type: 'boolean' },
    'cache-location': { type: 'string' },
    threads: { type: 'string' },
    'no-color': { type: 'boolean' },
  },
  run(args, io) {
    const { values, positionals } = args;
    const format = formatOf(args, FORMATS);
    const configFile = configFileOption(args);
    let threads: number | undefined;
    if (values.threads !== undefined) {
      threads = Number(values.threads);
      if (!Number.isInteger(threads) || threads < 1) throw new UsageError(`--threads expects a whole number of at least 1, not "${values.threads}"`);
    }
    const cache = values.cache || values['cache-location'] ? new ParseCache((values['cache-location'] as string | undefined) ?? DEFAULT_CACHE_FILE) : undefined;
    const options = { configFile, profile: values.profile as string | undefined, threads, cache };
    const project = nodeProject(options);
    let result = runCheck(positionals, options, project);
    const fixErrors: string[] = [];
    if (values.fix && !result.usageErrors.length) {
      const fixed = fixFiles(result, project);
      fixErrors.push(...fixed.errors);
      if (fixed.files.length) {
        const before = result;
        result = runCheck(positionals, options);
        const { fixed: n, placeholders } = fixOutcome(before, result, fixed.files);
        const added = placeholders ? `; ${plural(placeholders, 'missing field')} added as TBC, still to fill in` : '';
        io.stderr(`service-spec: fixed ${plural(n, 'problem')} in ${plural(fixed.files.length, 'file')}${added}\n`);
      }
    }
    const cacheProblem = cache?.save();
    if (cacheProblem) printErrors(io, [cacheProblem]);
    if (result.usageErrors.length) {
      printErrors(io, result.usageErrors);
      return 2;
    }
    printErrors(io, [...result.ioErrors, ...fixErrors]);
    // JSON and SARIF always print their one document; text is left out when nothing was checked and an error said why.
    if (format === 'json') io.stdout(formatJson(result));
    else if (format === 'sarif') io.stdout(formatSarif(result, { version: packageVersion() }));
    else if (result.files.length || !result.ioErrors.length) io.stdout(formatText(result, colour(args, io)));
    if (result.ioErrors.length || fixErrors.length) return 2;
    return summary(toJsonFiles(result)).errors > 0 ? 1 : 0;
  },
};
