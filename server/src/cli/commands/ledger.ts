/**
 * `service-spec ledger PATH... [--format text|json|markdown|html|docx] [-o FILE] [--force] [--config FILE]
 * [--profile NAME] [--rev REV]...`: every requirement's history across versions, and what became of each
 * reviewer's notes. Exit 0, or 2 for usage or I/O errors (one line naming the problem).
 */
import { ExportError, writeDocument } from '../../node/export.js';
import { LedgerUsageError, runLedger } from '../../node/ledger.js';
import { CliError, formatOf, printErrors, UsageError, type Command } from '../command.js';
import { ledgerDocx, ledgerHtml, ledgerJson, ledgerMarkdown, ledgerText } from '../ledgerFormat.js';
import { configFileOption } from './shared.js';

export const LEDGER_FORMATS = ['text', 'json', 'markdown', 'html', 'docx'] as const;

/** Where `--format docx` writes without `-o`. */
export const DEFAULT_DOCX = 'ledger.docx';

const HELP = `Usage: service-spec ledger PATH PATH... [options]
       service-spec ledger --rev REV [--rev REV...] [PATH] [options]

Every requirement's history across versions of a spec set, oldest first: its id, deadline, funding,
rating and cost per practice in each version, and how each version changed it (added, renumbered,
modified, moved, removed). Then what became of each reviewer's note in the last version: changed (the
text it was about changed), removed (the requirement is gone), unchanged, or unanchored (its quote or
requirement was not found in the version it was written against). See docs/ledger.md.

Each PATH is one version: all folders (every *.spec.md below, with the *.review.yaml sidecars that
review them) or all files. With --rev, PATH (default .) is read at each git revision; with a single
--rev the working tree is the last version.

Options:
  --format FORMAT    text, json, markdown, html or docx (default text)
  -o, --out FILE     write the report to FILE instead of standard output (docx: default ledger.docx)
  --force            replace FILE if it exists
  --config FILE      use this configuration file for every spec and version
  --profile NAME     estimator profile from each version's configuration
  --rev REV          a git revision (repeatable, oldest first)
  -h, --help         show this help

Exit status: 0; 2 for usage or I/O errors (fewer than two versions, a missing PATH, a PATH with no spec,
files mixed with folders, an unreadable file, an existing FILE without --force). A malformed sidecar is
named on stderr and its notes are not counted.
`;

export const ledger: Command = {
  name: 'ledger',
  summary: "every requirement's history across versions, and what became of each reviewer's notes",
  help: HELP,
  options: {
    format: { type: 'string' },
    out: { type: 'string', short: 'o' },
    force: { type: 'boolean' },
    config: { type: 'string' },
    profile: { type: 'string' },
    rev: { type: 'string', multiple: true },
  },
  run(args, io) {
    const format = formatOf(args, LEDGER_FORMATS);
    const configFile = configFileOption(args);
    let run: ReturnType<typeof runLedger>;
    try {
      run = runLedger(args.positionals, { configFile, profile: args.values.profile as string | undefined, revs: args.values.rev as string[] | undefined });
    } catch (e) {
      if (e instanceof LedgerUsageError) throw new UsageError(e.message);
      throw e;
    }
    printErrors(io, run.warnings);
    const l = run.ledger;
    const out = (args.values.out as string | undefined) ?? (format === 'docx' ? DEFAULT_DOCX : undefined);
    const report =
      format === 'docx'
        ? ledgerDocx(l)
        : format === 'json'
          ? ledgerJson(l)
          : format === 'markdown'
            ? ledgerMarkdown(l)
            : format === 'html'
              ? ledgerHtml(l)
              : ledgerText(l);
    if (out === undefined) {
      io.stdout(report as string);
      return 0;
    }
    try {
      writeDocument(out, report, Boolean(args.values.force));
    } catch (e) {
      if (e instanceof ExportError) throw new CliError(e.message);
      throw e;
    }
    io.stdout(`wrote ${out}\n`);
    return 0;
  },
};
