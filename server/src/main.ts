/**
 * Entry point of `service-spec-language-server`: the only file that touches process streams.
 * `--stdio` (Neovim, Helix, Emacs), `--node-ipc` (VS Code) or `--socket=N`, as vscode-languageserver
 * reads them from argv. `--naive` reparses whole documents (the benchmark's baseline); `--timings` reports where
 * each analysis's time went (`$/serviceSpec/timings`, for the benchmark).
 */
import { isMainThread } from 'node:worker_threads';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/server.js';

// The bundle is also the workspace indexer's worker script (node/parallel.ts): only the main thread serves.
if (isMainThread) serve();

function serve(): void {
  const connection = createConnection(ProposedFeatures.all);
  // A bug in one piece of work must not end the session: log it and keep serving (request handlers'
  // errors already become error replies in vscode-jsonrpc; these catch what escapes elsewhere).
  process.on('uncaughtException', (e) => connection.console.error(`service-spec: uncaught exception: ${e?.stack ?? e}`));
  process.on('unhandledRejection', (e) => connection.console.error(`service-spec: unhandled rejection: ${(e as Error)?.stack ?? e}`));
  startServer(connection, { naive: process.argv.includes('--naive'), timings: process.argv.includes('--timings') });
}
