/** `service-spec review`: review notes (*.review.yaml) and where each is anchored now. */
import { runReview, strictFailures } from '../../node/review.js';
import { reviewDocxCommand } from './export.js';
import { formatOf, printErrors, UsageError, type Command } from '../command.js';
import { reviewJson, reviewMarkdown, reviewText } from '../reviewFormat.js';

const FORMATS = ['text', 'json', 'markdown', 'docx'] as const;

export const review: Command = {
  name: 'review',
  summary: 'review notes (*.review.yaml) and where each is anchored now',
  help: `Usage: service-spec review [PATH...] [options]

Lists the notes of every *.review.yaml below each PATH (folders or sidecar files; default .), per
requirement, with where each note is anchored in the spec it reviews now. A PATH that is a spec
(*.spec.md) stands for the sidecars of its workspace whose spec: is that file.

Options:
  --format FORMAT    text, json, markdown or docx (default text); docx takes one SPEC and writes it
                     with every note as a Word comment (NAME.review.docx beside it, or -o FILE)
  -o, --out FILE     docx: where to write the document
  --force            docx: overwrite an existing document
  --profile NAME     docx: estimator profile for the cost lines
  --strict           exit 1 when an open note is stale or orphaned, or a sidecar is malformed
  -h, --help         show this help

Exit status: 0, 1 with --strict as above, 2 for usage or I/O errors.
`,
  options: {
    format: { type: 'string' },
    strict: { type: 'boolean' },
    out: { type: 'string', short: 'o' },
    force: { type: 'boolean' },
    profile: { type: 'string' },
  },
  run(args, io) {
    const format = formatOf(args, FORMATS);
    if (format === 'docx') return reviewDocxCommand(args, io);
    for (const o of ['out', 'force', 'profile']) if (args.values[o] !== undefined) throw new UsageError(`--${o} goes with --format docx`);
    const result = runReview(args.positionals);
    printErrors(io, result.ioErrors);
    // JSON always prints its one document; a report is left out when nothing was read and an error said why.
    if (format === 'json') io.stdout(reviewJson(result));
    else if (result.reviews.length || !result.ioErrors.length) io.stdout(format === 'markdown' ? reviewMarkdown(result) : reviewText(result));
    if (result.ioErrors.length) return 2;
    return args.values.strict && strictFailures(result) > 0 ? 1 : 0;
  },
};
