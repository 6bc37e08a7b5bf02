/**
 * What a `service-spec` subcommand is: a name, a one-line summary for the global usage, its own help text
 * and options (for `node:util` parseArgs), and `run`. `main.ts` parses each command's own options only, so
 * an option of another command is an unknown option there.
 */
import type { ParseArgsConfig } from 'node:util';

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTTY: boolean;
}

export type Options = NonNullable<ParseArgsConfig['options']>;

export interface Args {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
}

export interface Command {
  name: string;
  /** One line for `service-spec --help`. */
  summary: string;
  /** `service-spec <name> --help`: synopsis, what it does, every option, exit status. */
  help: string;
  /** Its options (`--help` is added by main). */
  options: Options;
  /** Exit status: 0, 1 (findings), 2 (usage or I/O). Throws UsageError or a one-line error (main prints it). */
  run(args: Args, io: Io): number;
}

/** A usage problem: printed as one line with a hint to the command's help, exit status 2. */
export class UsageError extends Error {}

/** A problem worth one line naming the file (nothing to do with usage), exit status 2. */
export class CliError extends Error {}

/** The `--format` value, checked against the command's formats. */
export function formatOf(args: Args, formats: readonly string[]): string {
  const format = (args.values.format as string | undefined) ?? formats[0]!;
  if (!formats.includes(format)) throw new UsageError(`unknown format "${format}"; expected ${formats.join(', ')}`);
  return format;
}

/** Colour on a terminal unless --no-color or NO_COLOR says otherwise. */
export function colour(args: Args, io: Io): boolean {
  return io.isTTY && !args.values['no-color'] && !process.env.NO_COLOR;
}

/** Prints one-line messages, each as `service-spec: ...` on stderr. */
export function printErrors(io: Io, messages: readonly string[], prefix = ''): void {
  for (const m of messages) io.stderr(`service-spec: ${prefix}${oneLine(m)}\n`);
}

/** A message on one line (a git error, say, may span several). */
export function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
