/**
 * Entry point of `service-spec-language-server`: the only file that touches process streams.
 * `--stdio` (Neovim, Helix, Emacs), `--node-ipc` (VS Code) or `--socket=N`, as vscode-languageserver
 * reads them from argv. `--naive` reparses whole documents (the benchmark's baseline); `--timings` reports where
 * each analysis's time went (`$/serviceSpec/timings`, for the benchmark).
 */
import { isMainThread } from 'node:worker_threads';
import { createConnection, ProposedFeatures, StreamMessageWriter, type MessageReader } from 'vscode-languageserver/node';
import { MESSAGE_WRITER_OPTIONS } from './lsp/encoder.js';
import { startServer } from './lsp/server.js';

// The bundle is also the workspace indexer's worker script (node/parallel.ts): only the main thread serves.
if (isMainThread) serve();

function serve(): void {
  const connection = process.argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all);
  // A bug in one piece of work must not end the session: log it and keep serving (request handlers'
  // errors already become error replies in vscode-jsonrpc; these catch what escapes elsewhere).
  process.on('uncaughtException', (e) => connection.console.error(`service-spec: uncaught exception: ${e?.stack ?? e}`));
  process.on('unhandledRejection', (e) => connection.console.error(`service-spec: unhandled rejection: ${(e as Error)?.stack ?? e}`));
  startServer(connection, { naive: process.argv.includes('--naive'), timings: process.argv.includes('--timings') });
}

/**
 * Over stdio, messages are written with the server's encoder (lsp/encoder.ts: diagnostics' JSON kept per
 * diagnostic). vscode-languageserver then does not redirect `console` (it does for its own stdio set-up),
 * so stray console output goes to stderr here: stdout carries only the protocol.
 */
function stdioConnection() {
  console.log = console.info = console.debug = console.error;
  // stdin stays a stream, so the library still ends the process when the client closes it; its typings
  // pair streams with streams and readers with writers, but it takes each side as it comes.
  const input = process.stdin as unknown as MessageReader;
  return createConnection(ProposedFeatures.all, input, new StreamMessageWriter(process.stdout, MESSAGE_WRITER_OPTIONS));
}
