/** Entry point of the `service-spec` binary: the only place that touches process streams and exit. */
import { isMainThread } from 'node:worker_threads';
import { main } from './main.js';

// The bundle is also the parse workers' script (node/parallel.ts): they must not run the CLI.
if (isMainThread) {
  // `service-spec check | head`: the reader went away. Stop quietly, as other Unix tools do, with the
  // status the run had (no EPIPE trace).
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  const code = main(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    isTTY: Boolean(process.stdout.isTTY),
  });
  process.exitCode = code;
}
