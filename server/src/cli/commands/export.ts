/**
 * `service-spec export SPEC... --format docx|html`: the publication document of each spec. Also the Word
 * forms of `review` and `diff` (`--format docx`), which those commands hand over to `reviewDocxCommand`
 * and `diffDocxCommand` here.
 */
import { ExportError, ExportUsageError, runExport, runRedline, runReviewDocx, type ExportResult } from '../../node/export.js';
import { CliError, formatOf, printErrors, UsageError, type Args, type Command, type Io } from '../command.js';
import { configFileOption } from './shared.js';

const FORMATS = ['docx', 'html'] as const;

const HELP = `Usage: service-spec export SPEC... [options]

Writes the publication document of each spec (a *.spec.md file, or a folder: every spec below it): the
title, a table of the front-matter, the sections as headings, each requirement as a heading "ID: Title"
with its text, a table of its fields (Deadline; Funding as "Label (id)"; Deliverability; Depends on;
Owner), a table of its workload and its cost under the active profile, and a cost summary at the end.
The Word document uses real styles (Title, Heading 1-3, table styles), so it can be restyled, and the
navigation pane shows its outline. service-spec import reads it back. See docs/word-output.md.

Options:
  --format FORMAT    docx (Word) or html (one self-contained page) (default docx)
  -o, --out PATH     the file to write (one spec) or a folder (several specs; created when missing);
                     default: beside each spec, NAME.docx or NAME.html
  --force            replace documents that exist (otherwise they are kept and the run fails)
  --config FILE      use this configuration file for every spec
  --profile NAME     estimator profile from the configuration, for the costs
  -h, --help         show this help

Exit status: 0 written; 2 for usage or I/O errors, or a document that exists without --force (the other
documents are still written).
`;

function report(io: Io, result: ExportResult): number {
  for (const w of result.written) io.stdout(`wrote ${w.file}\n`);
  printErrors(io, result.errors);
  return result.errors.length ? 2 : 0;
}

/** Runs an export step, turning its usage and file problems into the CLI's. */
function guarded<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof ExportUsageError) throw new UsageError(e.message);
    if (e instanceof ExportError) throw new CliError(e.message);
    throw e;
  }
}

const outOf = (args: Args) => args.values.out as string | undefined;

export const exportCommand: Command = {
  name: 'export',
  summary: 'the publication document of specs, as Word (.docx) or one HTML page',
  help: HELP,
  options: {
    format: { type: 'string' },
    out: { type: 'string', short: 'o' },
    force: { type: 'boolean' },
    config: { type: 'string' },
    profile: { type: 'string' },
  },
  run(args, io) {
    const format = formatOf(args, FORMATS) as 'docx' | 'html';
    const configFile = configFileOption(args);
    const options = { out: outOf(args), force: Boolean(args.values.force), configFile, profile: args.values.profile as string | undefined };
    return report(
      io,
      guarded(() => runExport(args.positionals, format, options)),
    );
  },
};

/**
 * `service-spec review SPEC --format docx [-o FILE] [--force]`: the review command hands its arguments here.
 * Needs the options `out` (short `o`), `force`, and `config`/`profile` when the command has them.
 */
export function reviewDocxCommand(args: Args, io: Io): number {
  if (args.positionals.length !== 1) throw new UsageError('review --format docx takes one SPEC (a *.spec.md file)');
  const configFile = configFileOption(args);
  const result = guarded(() =>
    runReviewDocx(args.positionals[0]!, {
      out: outOf(args),
      force: Boolean(args.values.force),
      configFile,
      profile: args.values.profile as string | undefined,
    }),
  );
  const n = result.notes.length;
  io.stdout(`wrote ${result.file}: ${n} note${n === 1 ? '' : 's'} from ${result.sidecars.length} sidecar${result.sidecars.length === 1 ? '' : 's'}\n`);
  return 0;
}

/**
 * `service-spec diff OLD NEW --format docx [-o FILE|DIR] [--author NAME] [--force]`: the diff command hands
 * its arguments here (files or folders; git revisions are not read here). Needs the options `out` (short
 * `o`), `force`, `author`.
 */
export function diffDocxCommand(args: Args, io: Io): number {
  if (args.values.rev !== undefined) throw new UsageError('--format docx compares two files or two folders, not git revisions');
  if (args.positionals.length !== 2) throw new UsageError('expected two paths: service-spec diff OLD NEW --format docx');
  const author = args.values.author as string | undefined;
  if (author !== undefined && !author.trim()) throw new UsageError('--author expects a name');
  const [oldPath, newPath] = args.positionals as [string, string];
  const configFile = configFileOption(args);
  return report(
    io,
    guarded(() =>
      runRedline(oldPath, newPath, {
        out: outOf(args),
        force: Boolean(args.values.force),
        author,
        configFile,
        profile: args.values.profile as string | undefined,
      }),
    ),
  );
}
