/**
 * The language server's entry for embedders and tests: `startServer` (server/src/lsp/server.ts) and the
 * settings defaults (server/src/service/settings.ts). The server itself lives in `lsp/`, the features in
 * `service/`.
 */
export { startServer, type ServerOptions } from './lsp/server.js';
export { DEFAULT_SETTINGS, type Settings } from './service/settings.js';
