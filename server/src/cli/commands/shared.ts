/** Option handling shared by several commands. */
import * as fs from 'node:fs';
import { kindOf } from '../../node/files.js';
import { CliError, type Args } from '../command.js';

/** `--config FILE`: it must be a regular file (its content is checked where it is used). */
export function configFileOption(args: Args): string | undefined {
  const file = args.values.config as string | undefined;
  if (file === undefined) return undefined;
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    throw new CliError(`cannot read configuration ${file}: no such file`);
  }
  if (!st.isFile()) throw new CliError(`cannot read configuration ${file}: ${st.isDirectory() ? 'is a folder' : `not a regular file (${kindOf(st)})`}`);
  return file;
}
