/**
 * `service-spec ledger PATH... [--format text|json|markdown|html] [-o FILE] [--force] [--config FILE]
 * [--profile NAME] [--rev REV]...`: every requirement's history across versions, and what became of each
 * reviewer's notes. Exit 0, or 2 for usage or I/O errors (one line naming the problem).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { GitError } from '../../node/git.js';
import { LedgerUsageError, runLedger } from '../../node/ledger.js';
import { ReadError } from '../../project/host.js';
import { ledgerHtml, ledgerJson, ledgerMarkdown, ledgerText } from '../ledgerFormat.js';

export interface LedgerIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTTY: boolean;
}

export const LEDGER_FORMATS = ['text', 'json', 'markdown', 'html'] as const;

export const LEDGER_USAGE = `Usage: service-spec ledger PATH PATH... [options]
       service-spec ledger --rev REV [--rev REV...] [PATH]

Every requirement's history across versions of a spec set (oldest first), and what became of each
reviewer's notes in the last version: changed, removed, unchanged, or unanchored.

Each PATH is one version: all folders or all files. With --rev, PATH (default .) is read at each git
revision; with a single --rev the working tree is the last version.

Options:
  --format FORMAT    text|json|markdown|html (default text)
  -o, --output FILE  write the report to FILE instead of standard output
  --force            replace FILE if it exists
  --config FILE      use this configuration file for every spec and version
  --profile NAME     estimator profile from the configuration
  --rev REV          a git revision (repeatable, oldest first)
`;

export const ledgerCommand = {
  name: 'ledger',
  summary: "every requirement's history across versions and what became of each reviewer's notes",
  usage: LEDGER_USAGE,
  run: runLedgerCommand,
};

/** Writes `text` to `file` atomically: a temporary file in the same folder, renamed over the target. */
function writeAtomically(file: string, text: string, force: boolean): void {
  const abs = path.resolve(file);
  if (!force && fs.existsSync(abs)) throw new LedgerUsageError(`${file} exists; nothing was written (use --force to replace it)`);
  const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    fs.writeFileSync(tmp, text, { flag: 'wx' });
    if (!force && fs.existsSync(abs)) throw new LedgerUsageError(`${file} was created meanwhile; nothing was written (use --force to replace it)`);
    fs.renameSync(tmp, abs);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    if (e instanceof LedgerUsageError) throw e;
    throw new LedgerUsageError(`cannot write ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such folder' : (e as Error).message}`);
  }
}

export function runLedgerCommand(args: string[], io: LedgerIo): number {
  const fail = (message: string) => {
    io.stderr(`service-spec: ${message}\n`);
    return 2;
  };
  // biome-ignore lint/suspicious/noImplicitAnyLet: typed by the parseArgs call below
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        output: { type: 'string', short: 'o' },
        force: { type: 'boolean', default: false },
        config: { type: 'string' },
        profile: { type: 'string' },
        rev: { type: 'string', multiple: true },
        'no-color': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    return fail((e as Error).message.replace(/\s*\n\s*/g, ' '));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(LEDGER_USAGE);
    return 0;
  }
  const format = values.format!;
  if (format === 'docx') return fail('ledger --format docx is not available yet; use text, json, markdown or html');
  if (!(LEDGER_FORMATS as readonly string[]).includes(format)) return fail(`unknown format "${format}" for ledger; expected ${LEDGER_FORMATS.join(', ')}`);
  if (values.config && !isFile(values.config)) return fail(`cannot read configuration ${values.config}: no such file`);
  try {
    const { ledger, warnings } = runLedger(positionals, { configFile: values.config, profile: values.profile, revs: values.rev });
    for (const w of warnings) io.stderr(`service-spec: ${w}\n`);
    const text =
      format === 'json' ? ledgerJson(ledger) : format === 'markdown' ? ledgerMarkdown(ledger) : format === 'html' ? ledgerHtml(ledger) : ledgerText(ledger);
    if (values.output) writeAtomically(values.output, text, values.force!);
    else io.stdout(text);
    return 0;
  } catch (e) {
    if (e instanceof LedgerUsageError || e instanceof GitError || e instanceof ReadError) return fail(e.message);
    throw e;
  }
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
