/** `service-spec diff`: what changed between two versions (files, folders or git revisions), with the cost delta. */
import { runDiff } from '../../node/diff.js';
import { colour, formatOf, printErrors, type Command } from '../command.js';
import { diffHtml, diffJson, diffMarkdown, diffText } from '../diffFormat.js';

const FORMATS = ['text', 'json', 'markdown', 'html'] as const;

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
  --format FORMAT    text, json, markdown or html (default text)
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
  },
  run(args, io) {
    const format = formatOf(args, FORMATS);
    const d = runDiff(args.positionals, { profile: args.values.profile as string | undefined, revs: args.values.rev as string[] | undefined });
    printErrors(io, d.notes, 'note: ');
    io.stdout(format === 'json' ? diffJson(d) : format === 'markdown' ? diffMarkdown(d) : format === 'html' ? diffHtml(d) : diffText(d, colour(args, io)));
    return 0;
  },
};
