/** `service-spec review`: review notes (*.review.yaml) and where each is anchored now. */
import { runReview, strictFailures } from '../../node/review.js';
import { formatOf, printErrors, type Command } from '../command.js';
import { reviewJson, reviewMarkdown, reviewText } from '../reviewFormat.js';

const FORMATS = ['text', 'json', 'markdown'] as const;

export const review: Command = {
  name: 'review',
  summary: 'review notes (*.review.yaml) and where each is anchored now',
  help: `Usage: service-spec review [PATH...] [options]

Lists the notes of every *.review.yaml below each PATH (folders or sidecar files; default .), per
requirement, with where each note is anchored in the spec it reviews now. A PATH that is a spec
(*.spec.md) stands for the sidecars of its workspace whose spec: is that file.

Options:
  --format FORMAT    text, json or markdown (default text)
  --strict           exit 1 when an open note is stale or orphaned, or a sidecar is malformed
  -h, --help         show this help

Exit status: 0, 1 with --strict as above, 2 for usage or I/O errors.
`,
  options: {
    format: { type: 'string' },
    strict: { type: 'boolean' },
  },
  run(args, io) {
    const format = formatOf(args, FORMATS);
    const result = runReview(args.positionals);
    printErrors(io, result.ioErrors);
    // JSON always prints its one document; a report is left out when nothing was read and an error said why.
    if (format === 'json') io.stdout(reviewJson(result));
    else if (result.reviews.length || !result.ioErrors.length) io.stdout(format === 'markdown' ? reviewMarkdown(result) : reviewText(result));
    if (result.ioErrors.length) return 2;
    return args.values.strict && strictFailures(result) > 0 ? 1 : 0;
  },
};
