/** `service-spec import FILE.docx`: a Word draft into a checkable spec and its comments into a review sidecar. */
import { parseIsoDate } from '../../core/dates.js';
import { REQUIREMENT_ID } from '../../core/markdown.js';
import { ImportFailure, runImport, type ImportRun } from '../../node/import.js';
import { CliError, formatOf, oneLine, UsageError, type Args, type Command } from '../command.js';
import { configFileOption } from './shared.js';

const FORMATS = ['text', 'json'] as const;

const HELP = `Usage: service-spec import FILE.docx [options]

Turns a Word draft into a spec that can be checked: DIR/ID.spec.md, and its Word comments into review
notes: DIR/ID.review.yaml (written when at least one comment is on a requirement). The document is read
as Word shows it with every tracked change accepted. Headings become sections; a heading "ID: Title" and
every paragraph with an obligation (must, shall, required to, will need to, is/are expected to) become
requirements, and a list led in by such a paragraph ending in ":" gives one requirement per item. Deadline
and Funding are taken from the words when they are there; whatever is missing is written TBC, so that
service-spec check lists what is left to settle. A document exported by service-spec is read back as it
was. See docs/import.md.

Options:
  --out DIR            folder to write into (default .; created when missing)
  --spec-id ID         the spec's id, kebab-case (default: the title in kebab-case); names the files
  --prefix PREFIX      requirement id prefix, e.g. EHCH (default: the initials of the title's words)
  --version V          front-matter version (default imported-<published>)
  --published DATE     front-matter published date, YYYY-MM-DD (default: the document's last-modified date)
  --reviewer NAME      reviewer named in the sidecar (default: the author of the first comment)
  --config FILE        configuration whose funding sources are recognised (default: the
                       service-spec.config.yaml found walking up from DIR, else the built-in sources)
  --force              overwrite ID.spec.md and ID.review.yaml when they exist
  --format FORMAT      text or json (default text)
  -h, --help           show this help

Exit status: 0 imported; 2 for usage or I/O errors, an existing file without --force, or a file that is
not a Word document, is encrypted, damaged or too large (then nothing is written).
`;

const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

function checkOptions(args: Args): void {
  const v = args.values;
  if (args.positionals.length !== 1) throw new UsageError(args.positionals.length ? 'import takes one FILE.docx' : 'import needs a FILE.docx');
  if (typeof v.published === 'string' && !parseIsoDate(v.published)) throw new UsageError(`--published expects a date YYYY-MM-DD, not "${v.published}"`);
  if (typeof v['spec-id'] === 'string' && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(v['spec-id'])) {
    throw new UsageError(`--spec-id expects a kebab-case id such as ehch, not "${v['spec-id']}"`);
  }
  if (typeof v.prefix === 'string' && !REQUIREMENT_ID.test(`${v.prefix}-1`)) {
    throw new UsageError(`--prefix expects capital letters and digits such as EHCH or SMR, not "${v.prefix}"`);
  }
  for (const key of ['version', 'reviewer', 'out']) {
    if (typeof v[key] === 'string' && !(v[key] as string).trim()) throw new UsageError(`--${key} expects a value`);
  }
}

export function importJson(run: ImportRun): string {
  const r = run.report;
  const doc = {
    source: run.source,
    spec: run.spec,
    review: run.review,
    title: r.title,
    id: r.id,
    published: r.published,
    trackedChanges: r.trackedChanges,
    requirements: r.requirements,
    notes: r.notes,
    unanchored: r.unanchored,
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

function excerpt(s: string, n = 80): string {
  const one = oneLine(s);
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

export function importText(run: ImportRun): string {
  const r = run.report;
  const out = [`Imported ${run.source} as ${r.id}${r.title ? ` ("${r.title}")` : ''}${r.exported ? ', read back as exported by service-spec' : ''}`];
  out.push(
    `  wrote ${run.spec}: ${plural(r.requirements.length, 'requirement')}; ${plural(r.fieldsFound, 'field')} found in the document, ${plural(r.tbcs, 'TBC')} left`,
  );
  if (run.review) out.push(`  wrote ${run.review}: ${plural(r.notes.length, 'review note')}`);
  if (r.unanchored.length) {
    out.push(`  ${plural(r.unanchored.length, 'comment')} outside every requirement, not written:`);
    for (const u of r.unanchored) out.push(`    ${u.author ?? 'unknown author'}: "${excerpt(u.body)}"`);
  }
  if (!run.review && !r.unanchored.length) out.push('  no comments');
  out.push(`  ${plural(r.trackedChanges, 'tracked change')} accepted`);
  if (!r.published) out.push('  no published date in the document: give --published, or add it to the front-matter');
  out.push(`Next: service-spec check ${run.spec}`);
  return out.join('\n') + '\n';
}

export const importCommand: Command = {
  name: 'import',
  summary: 'a Word draft (.docx) into a spec to check, its comments into review notes',
  help: HELP,
  options: {
    out: { type: 'string' },
    'spec-id': { type: 'string' },
    prefix: { type: 'string' },
    version: { type: 'string' },
    published: { type: 'string' },
    reviewer: { type: 'string' },
    config: { type: 'string' },
    force: { type: 'boolean' },
    format: { type: 'string' },
  },
  run(args, io) {
    const format = formatOf(args, FORMATS);
    checkOptions(args);
    const v = args.values as Record<string, string | undefined>;
    let run: ImportRun;
    try {
      run = runImport(args.positionals[0]!, {
        out: v.out,
        specId: v['spec-id'],
        prefix: v.prefix,
        version: v.version,
        published: v.published,
        reviewer: v.reviewer,
        configFile: configFileOption(args),
        force: Boolean(args.values.force),
      });
    } catch (e) {
      if (e instanceof ImportFailure) throw new CliError(e.message);
      throw e;
    }
    for (const w of run.warnings) io.stderr(`service-spec: ${oneLine(w)}\n`);
    io.stdout(format === 'json' ? importJson(run) : importText(run));
    return 0;
  },
};
