/**
 * Entry point of `service-spec-language-server`: the only file that touches process streams.
 * `--stdio` (Neovim, Helix, Emacs), `--node-ipc` (VS Code) or `--socket=N`, as vscode-languageserver
 * reads them from argv. `--naive` reparses whole documents (the benchmark's baseline).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server.js';

const connection = createConnection(ProposedFeatures.all);
startServer(connection, { naive: process.argv.includes('--naive') });
