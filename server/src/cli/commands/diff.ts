/** `service-spec diff`: what changed between two versions (files, folders or git revisions), with the cost delta. */
import { runDiff } from '../../node/diff.js';
import { colour, formatOf, printErrors, UsageError, type Command } from '../command.js';
import { diffHtml, diffJson, diffMarkdown, diffText } from '../diffFormat.js';
import { diffDocxCommand } from './export.js';

const FORMATS = ['text', 'json', 'markdown', 'html', 'docx'] as const;

export const diff: Command = {
  name: 'diff',
  summary: 'what changed between two versions (files, folders or git revisions), with the cost delta',
  help: `Usage: service-spec diff OLD NEW [options]
       service-spec diff --rev REV [--rev REV] [PATH] [options]

Compares two spec files, or two folders of specs, requirement by requirement, each side costed with its
own configuration. In folders, specs are paired by id; several specs sharing an id on one side are
paired by their path inside the folder (and named on stderr). With --rev, PATH (default .) is read at
that git revision and compared with the working tree, or with a second --rev.

Options:
  --format FORMAT    text, json, markdown, html or docx (default text); docx writes NEW's document with
                     tracked changes against OLD (NEW-NAME.redline.docx beside NEW, -o FILE, or -o DIR
                     for folders); not with --rev
  -o, --out PATH     docx: where to write
  --force            docx: overwrite an existing document
  --author NAME      docx: author of the tracked changes (default service-spec)
  --rev REV          a git revision (a commit, tag or branch) to read the old side from; twice for
                     both sides
  --profile NAME     estimator profile from each side's configuration
  --no-color         plain text output
  -h, --help         show this help

Exit status: 0 (differences are not errors), 2 for usage or I/O errors.
`,
  options: {
    format: { type: 'string' },
    rev: { type: 'string', multiple: true },
    profile: { type: 'string' },
    'no-color': { type: 'boolean' },
    out: { type: 'string', short: 'o' },
    force: { type: 'boolean' },
    author: { type: 'string' },
  },
  run(args, io) {
    const format = formatOf(args, FORMATS);
    if (format === 'docx') return diffDocxCommand(args, io);
    for (const o of ['out', 'force', 'author']) if (args.values[o] !== undefined) throw new UsageError(`--${o} goes with --format docx`);
    const d = runDiff(args.positionals, { profile: args.values.profile as string | undefined, revs: args.values.rev as string[] | undefined });
    printErrors(io, d.notes, 'note: ');
    io.stdout(format === 'json' ? diffJson(d) : format === 'markdown' ? diffMarkdown(d) : format === 'html' ? diffHtml(d) : diffText(d, colour(args, io)));
    return 0;
  },
};
