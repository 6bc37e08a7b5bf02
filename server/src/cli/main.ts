/**
 * `service-spec`: the command-line interface (contract section 7). Exit status: 0 clean, 1 when an
 * error-severity diagnostic was found, 2 for usage or I/O errors (2 wins over 1).
 */
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { runCheck } from '../node/check.js';
import { docsBaseUrl, packageVersion } from '../node/paths.js';
import { formatJson, formatSarif, formatText, summary, toJsonFiles } from './format.js';
import { RULES } from '../core/rules/index.js';
import { runCost } from '../node/cost.js';
import { fixFiles } from '../node/fix.js';
import { runReview, strictFailures } from '../node/review.js';
import { runDiff, DiffUsageError } from '../node/diff.js';
import { diffHtml, diffJson, diffMarkdown, diffText } from './diffFormat.js';
import { ReadError } from '../node/files.js';
import { DEFAULT_CACHE_FILE, ParseCache } from '../node/cache.js';
import { reviewJson, reviewMarkdown, reviewText } from './reviewFormat.js';
import { costHtml, costJson, costMarkdown, costText, summaryMarkdown, summaryText } from './costFormat.js';

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTTY: boolean;
}

const USAGE = `Usage: service-spec <command> [options]

Commands:
  check [PATH...]   check service specs (files or folders; default .)
  cost [PATH...]    workload cost per requirement, per PCN, per practice and nationally
  review [PATH...]  review notes (*.review.yaml) and where each is anchored now
  diff OLD NEW      what changed between two versions (files or folders), with the cost delta
  diff --rev REV [--rev REV] [PATH]   the same against git revisions
  rules             list the rules

Options:
  --format FORMAT            check: text|json|sarif; cost: text|json|markdown|html (default text)
  --config FILE              use this configuration file for every spec
  --profile NAME             estimator profile from the configuration
  --summary                  cost: only the table of spec totals (text or markdown)
  --strict                   review: exit 1 when an open note is stale or orphaned, or a sidecar is malformed
  --fix                      check: apply the safe fixes (missing fields, date rewrites, closest ids, renumbering)
  --cache                    check: keep findings and parsed specs in .service-spec-cache; reuse them while nothing they depend on changed
  --cache-location FILE      check: where to keep the cache (implies --cache)
  --threads N                check: threads for parsing (default: one per core; 1 for none)
  --no-color                 plain text output
  -h, --help                 show this help
  -v, --version              show the version

Exit status: 0 no errors, 1 error-severity findings, 2 usage or I/O errors.
`;

export function main(argv: string[], io: Io): number {
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help' || command === 'help') {
    io.stdout(USAGE);
    return command ? 0 : 2;
  }
  if (command === '-v' || command === '--version') {
    io.stdout(packageVersion() + '\n');
    return 0;
  }
  if (command === 'rules') {
    for (const r of RULES) io.stdout(`${r.id.padEnd(42)} ${r.defaultSeverity.padEnd(8)} ${r.description}\n`);
    return 0;
  }
  if (command !== 'check' && command !== 'cost' && command !== 'review' && command !== 'diff') {
    io.stderr(`service-spec: unknown command "${command}"\n${USAGE}`);
    return 2;
  }
  // biome-ignore lint/suspicious/noImplicitAnyLet: typed by the parseArgs call below
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        config: { type: 'string' },
        profile: { type: 'string' },
        'no-color': { type: 'boolean', default: false },
        summary: { type: 'boolean', default: false },
        fix: { type: 'boolean', default: false },
        strict: { type: 'boolean', default: false },
        rev: { type: 'string', multiple: true },
        cache: { type: 'boolean', default: false },
        'cache-location': { type: 'string' },
        threads: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    io.stderr(`service-spec: ${(e as Error).message}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const format = values.format!;
  const formats = command === 'check' ? ['text', 'json', 'sarif'] : command === 'review' ? ['text', 'json', 'markdown'] : ['text', 'json', 'markdown', 'html'];
  if (command === 'diff') {
    if (!formats.includes(format)) {
      io.stderr(`service-spec: unknown format "${format}" for diff; expected ${formats.join(', ')}\n`);
      return 2;
    }
    try {
      const d = runDiff(positionals, { profile: values.profile, revs: values.rev });
      io.stdout(
        format === 'json'
          ? diffJson(d)
          : format === 'markdown'
            ? diffMarkdown(d)
            : format === 'html'
              ? diffHtml(d)
              : diffText(d, io.isTTY && !values['no-color'] && !process.env.NO_COLOR),
      );
      return 0;
    } catch (e) {
      if (e instanceof DiffUsageError || e instanceof ReadError) {
        io.stderr(`service-spec: ${e.message}\n`);
        return 2;
      }
      throw e;
    }
  }
  if (!formats.includes(format)) {
    io.stderr(`service-spec: unknown format "${format}" for ${command}; expected ${formats.join(', ')}\n`);
    return 2;
  }
  if (values.config) {
    try {
      assertFile(values.config);
    } catch (e) {
      io.stderr(`service-spec: ${(e as Error).message}\n`);
      return 2;
    }
  }
  if (command === 'review') {
    const review = runReview(positionals, { configFile: values.config, profile: values.profile });
    for (const m of review.ioErrors) io.stderr(`service-spec: ${m}\n`);
    io.stdout(format === 'json' ? reviewJson(review) : format === 'markdown' ? reviewMarkdown(review) : reviewText(review));
    if (review.ioErrors.length) return 2;
    return values.strict && strictFailures(review) > 0 ? 1 : 0;
  }
  if (command === 'cost') {
    const cost = runCost(positionals, { configFile: values.config, profile: values.profile });
    for (const m of cost.usageErrors) io.stderr(`service-spec: ${m}\n`);
    if (cost.usageErrors.length) return 2;
    for (const m of cost.ioErrors) io.stderr(`service-spec: ${m}\n`);
    if (values.summary && (format === 'text' || format === 'markdown'))
      io.stdout(format === 'markdown' ? summaryMarkdown(cost).join('\n') + '\n' : summaryText(cost).join('\n') + '\n');
    else io.stdout(format === 'json' ? costJson(cost) : format === 'markdown' ? costMarkdown(cost) : format === 'html' ? costHtml(cost) : costText(cost));
    return cost.ioErrors.length ? 2 : 0;
  }
  let threads: number | undefined;
  if (values.threads !== undefined) {
    threads = Number(values.threads);
    if (!Number.isInteger(threads) || threads < 1) {
      io.stderr(`service-spec: --threads expects a whole number of at least 1, not "${values.threads}"\n`);
      return 2;
    }
  }
  const cache = values.cache || values['cache-location'] ? new ParseCache(values['cache-location'] ?? DEFAULT_CACHE_FILE) : undefined;
  const checkOptions = { configFile: values.config, profile: values.profile, threads, cache };
  let result = runCheck(positionals, checkOptions);
  if (values.fix && !result.usageErrors.length) {
    const fixed = fixFiles(result);
    if (fixed.edits) {
      io.stderr(`service-spec: fixed ${fixed.edits} problem${fixed.edits === 1 ? '' : 's'} in ${fixed.files} file${fixed.files === 1 ? '' : 's'}\n`);
      result = runCheck(positionals, checkOptions);
    }
  }
  const cacheProblem = cache?.save();
  if (cacheProblem) io.stderr(`service-spec: ${cacheProblem}\n`);
  for (const m of result.usageErrors) io.stderr(`service-spec: ${m}\n`);
  if (result.usageErrors.length) return 2;
  for (const m of result.ioErrors) io.stderr(`service-spec: ${m}\n`);
  if (format === 'json') io.stdout(formatJson(result));
  else if (format === 'sarif') io.stdout(formatSarif(result, { version: packageVersion(), docsBase: docsBaseUrl() }));
  else io.stdout(formatText(result, io.isTTY && !values['no-color'] && !process.env.NO_COLOR));
  if (result.ioErrors.length) return 2;
  return summary(toJsonFiles(result)).errors > 0 ? 1 : 0;
}

function assertFile(file: string): void {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    throw new Error(`cannot read configuration ${file}: no such file`);
  }
  if (!st.isFile()) throw new Error(`cannot read configuration ${file}: not a file`);
}
