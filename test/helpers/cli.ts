/** Runs the CLI in-process, from a given folder, capturing what it prints. */
import { main } from '../../server/src/cli/main.js';
import { ROOT } from './golden.js';

export function run(args: string[], cwd = ROOT): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const before = process.cwd();
  process.chdir(cwd);
  try {
    const code = main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), isTTY: false });
    return { code, stdout, stderr };
  } finally {
    process.chdir(before);
  }
}
