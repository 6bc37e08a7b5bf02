/** Entry point of the `service-spec` binary: the only place that touches process streams and exit. */
import { isMainThread } from 'node:worker_threads';
import { main } from './main.js';

// The bundle is also the parse workers' script (node/parallel.ts): they must not run the CLI.
if (isMainThread) {
  const code = main(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    isTTY: Boolean(process.stdout.isTTY),
  });
  process.exitCode = code;
}
