/**
 * `service-spec`: the command-line interface. Finds the command in the registry (`commands/index.ts`),
 * parses that command's own options (any other is a usage error), runs it. Exit status: 0 clean, 1 when an
 * error-severity finding was reported, 2 for usage or I/O errors (2 wins over 1), always with one line
 * `service-spec: ...` on stderr naming the file, never a stack.
 */
import { parseArgs } from 'node:util';
import { ReadError } from '../project/host.js';
import { DiffUsageError } from '../node/diff.js';
import { GitError } from '../node/git.js';
import { packageVersion } from '../node/paths.js';
import { WriteError } from '../node/writeFile.js';
import { CliError, oneLine, UsageError, type Args, type Command, type Io } from './command.js';
import { COMMANDS } from './commands/index.js';

export type { Io } from './command.js';

/** The global usage, from the registry. */
export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return `Usage: service-spec <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`).join('\n')}

Options:
  -h, --help       show this help
  -v, --version    show the version

Run 'service-spec <command> --help' for a command's options.
Exit status: 0 no errors, 1 error-severity findings, 2 usage or I/O errors.
`;
}

const names = () => COMMANDS.map((c) => c.name).join(', ');

export function main(argv: string[], io: Io): number {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(`service-spec: no command given; expected one of ${names()} (see service-spec --help)\n`);
    return 2;
  }
  if (name === '-h' || name === '--help' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    const command = topic ? COMMANDS.find((c) => c.name === topic) : undefined;
    if (topic && !command) return unknownCommand(topic, io);
    io.stdout(command ? command.help : usage());
    return 0;
  }
  if (name === '-v' || name === '--version') {
    io.stdout(packageVersion() + '\n');
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) return unknownCommand(name, io);
  let args: Args;
  try {
    args = parseArgs({ args: rest, allowPositionals: true, strict: true, options: { ...command.options, help: { type: 'boolean', short: 'h' } } }) as Args;
  } catch (e) {
    return usageError(command, parseProblem(e as Error & { code?: string }), io);
  }
  if (args.values.help) {
    io.stdout(command.help);
    return 0;
  }
  try {
    return command.run(args, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof DiffUsageError) return usageError(command, e.message, io);
    if (e instanceof CliError || e instanceof ReadError || e instanceof GitError || e instanceof WriteError) {
      io.stderr(`service-spec: ${oneLine(e.message)}\n`);
      return 2;
    }
    // A bug: still one line (the stack on request), never a trace in a user's terminal.
    io.stderr(
      `service-spec: internal error in ${command.name}: ${oneLine(String((e as Error)?.message ?? e))}${process.env.SERVICE_SPEC_DEBUG ? '' : ' (SERVICE_SPEC_DEBUG=1 shows where)'}\n`,
    );
    if (process.env.SERVICE_SPEC_DEBUG) io.stderr(`${(e as Error)?.stack ?? ''}\n`);
    return 2;
  }
}

function unknownCommand(name: string, io: Io): number {
  io.stderr(`service-spec: unknown command "${name}"; expected one of ${names()} (see service-spec --help)\n`);
  return 2;
}

function usageError(command: Command, message: string, io: Io): number {
  io.stderr(`service-spec: ${command.name}: ${oneLine(message)} (see service-spec ${command.name} --help)\n`);
  return 2;
}

/** parseArgs' messages, shortened to what the user needs: which option, and what is wrong with it. */
function parseProblem(e: Error & { code?: string }): string {
  const option = /'(-[^' ]+)/.exec(e.message)?.[1];
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${option ?? e.message}`;
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/argument missing/.test(e.message)) return `${option} needs a value`;
    if (/does not take an argument/.test(e.message)) return `${option} takes no value`;
  }
  return e.message.split('. ')[0]!;
}
