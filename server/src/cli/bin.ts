/** Entry point of the `service-spec` binary: the only place that touches process streams and exit. */
import { main } from './main.js';

const code = main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTTY: Boolean(process.stdout.isTTY),
});
process.exitCode = code;
