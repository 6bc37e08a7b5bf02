// Bundles the extension client, the language server and the CLI with esbuild (CommonJS, Node 20).
// `import.meta.url` is defined from __filename so ESM sources can find the package's files when bundled.
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};

// The client imports the typed requests of server/src/lsp/protocol.ts, which import vscode-languageserver-protocol:
// its bundle takes that package from vscode-languageclient, which already carries it, so no second copy is added.
const protocolFromLanguageClient = {
  name: 'protocol-from-languageclient',
  setup(build) {
    build.onResolve({ filter: /^vscode-languageserver-protocol$/ }, (args) =>
      args.pluginData?.fromLanguageClient
        ? undefined
        : build.resolve(args.path, {
            kind: args.kind,
            resolveDir: path.resolve('node_modules/vscode-languageclient'),
            pluginData: { fromLanguageClient: true },
          }),
    );
  },
};

await Promise.all([
  esbuild.build({
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'dist/extension.cjs',
    external: ['vscode'],
    plugins: [protocolFromLanguageClient],
  }),
  esbuild.build({
    ...common,
    entryPoints: ['server/src/main.ts'],
    outfile: 'dist/server.cjs',
    banner: { js: '#!/usr/bin/env -S node --max-semi-space-size=4\n' + common.banner.js },
  }),
  esbuild.build({ ...common, entryPoints: ['server/src/cli/bin.ts'], outfile: 'dist/cli.cjs', banner: { js: '#!/usr/bin/env node\n' + common.banner.js } }),
  import('./build-web.mjs').then((m) => m.buildWeb()),
]);
