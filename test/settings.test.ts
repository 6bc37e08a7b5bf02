/** The settings VS Code shows (package.json) and the server's defaults must not drift apart. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SETTINGS } from '../server/src/server.js';
import { RULES } from '../server/src/core/index.js';
import { ROOT } from './helpers/golden.js';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const props = pkg.contributes.configuration.properties as Record<string, { default: unknown; enum?: string[]; additionalProperties?: { enum: string[] } }>;

describe('settings', () => {
  it('declares the server defaults in package.json', () => {
    assert.equal(props['serviceSpec.enable']!.default, DEFAULT_SETTINGS.enable);
    assert.equal(props['serviceSpec.estimator.profile']!.default, DEFAULT_SETTINGS.profile);
    assert.deepEqual(props['serviceSpec.rules']!.default, DEFAULT_SETTINGS.rules);
    assert.equal(props['serviceSpec.minimumLeadTimeDays']!.default, DEFAULT_SETTINGS.minimumLeadTimeDays);
    // Every declared setting is one the server reads (trace is read by the client library, review.author by the client).
    const keys = Object.keys(props).map((k) => k.replace(/^serviceSpec\./, ''));
    assert.deepEqual(keys.sort(), ['enable', 'estimator.profile', 'minimumLeadTimeDays', 'review.author', 'rules', 'trace.server']);
    assert.deepEqual(props['serviceSpec.rules']!.additionalProperties!.enum, ['error', 'warning', 'info', 'hint', 'off']);
  });

  it('documents every setting in the extension README and every rule in docs/format.md', () => {
    const client = fs.readFileSync(path.join(ROOT, 'client/README.md'), 'utf8');
    for (const key of Object.keys(props)) assert.ok(client.includes(`\`${key}\``), `client/README.md does not document ${key}`);
    const format = fs.readFileSync(path.join(ROOT, 'docs/format.md'), 'utf8');
    for (const r of RULES) {
      assert.ok(format.includes(`[\`${r.id}\`](rules/${r.id}.md)`), `docs/format.md does not list ${r.id}`);
      assert.ok(client.includes(`\`${r.id}\``), `client/README.md does not name ${r.id}`);
    }
  });

  it('registers the language for *.spec.md and the bundled entry points', () => {
    const lang = pkg.contributes.languages.find((l: { id: string }) => l.id === 'service-spec');
    assert.ok(lang.filenamePatterns.includes('*.spec.md'));
    assert.equal(pkg.main, './dist/extension.cjs');
    assert.equal(pkg.bin['service-spec'], 'dist/cli.cjs');
    assert.equal(pkg.bin['service-spec-language-server'], 'dist/server.cjs');
    for (const f of ['dist/extension.cjs', 'dist/server.cjs', 'dist/cli.cjs']) assert.ok(fs.existsSync(path.join(ROOT, f)), `${f} not built`);
  });

  it('starts the server with the same Node flags from the bin shebang as from VS Code', () => {
    const shebang = fs.readFileSync(path.join(ROOT, 'dist/server.cjs'), 'utf8').split('\n', 1)[0]!;
    assert.equal(shebang, `#!/usr/bin/env -S node ${SERVER_EXEC_ARGV.join(' ')}`);
    const client = fs.readFileSync(path.join(ROOT, 'client/src/extension.ts'), 'utf8');
    assert.match(client, /run: \{ module: serverModule, transport: TransportKind.ipc, options: \{ execArgv: \[\.\.\.SERVER_EXEC_ARGV\] \} \}/);
  });
});

import { SERVER_EXEC_ARGV } from '../client/src/serverFlags.js';
import { specTemplate } from '../client/src/template.js';
import { parseSpec, checkSpec, defaultConfig } from '../server/src/core/index.js';

describe('new spec template', () => {
  it('is a valid spec whose only findings are its placeholders', () => {
    const spec = parseSpec(specTemplate('enhanced-health', 'Enhanced health', '2026-11-24'));
    assert.deepEqual(spec.frontMatter.problems, []);
    assert.equal(spec.requirements[0]!.id, 'EH-1');
    const codes = checkSpec(spec, { config: defaultConfig() }).map((d) => d.code);
    assert.deepEqual([...new Set(codes)].sort(), ['placeholder-value', 'unfunded-workload']);
  });
});
