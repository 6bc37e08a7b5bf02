/** Costs in the editor: hover on a heading and on a workload block, code lenses, config changes. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { inProcess, type TestClient } from '../helpers/lspClient.js';
import { joinLines } from '../helpers/golden.js';

const SPEC = joinLines(
  '---',
  'id: ehch',
  'title: Enhanced Health in Care Homes',
  'version: 2019-12-draft',
  'status: draft',
  'published: 2019-12-23',
  '---',
  '# EHCH',
  '',
  '### EHCH-3: GP-led home round',
  'A GP leads the round.',
  '',
  '- **Deadline:** 2020-09-30',
  '- **Funding:** none',
  '- **Deliverability:** red: no spare GP sessions',
  '',
  '```workload',
  '- role: gp',
  '  minutes: 60',
  '  every: fortnight',
  '  per: care-home',
  '```',
  '',
  '### EHCH-4: Lead',
  'A lead is named.',
  '',
  '- **Deadline:** 2020-09-30',
  '- **Funding:** arrs',
  '- **Deliverability:** green: in post',
  '',
);

interface Lens {
  range: { start: { line: number } };
  command: { title: string };
}

describe('costs in the language server', () => {
  let dir: string;
  let client: TestClient;
  let uri: string;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sscost-'));
    uri = pathToFileURL(path.join(dir, 'ehch.spec.md')).href;
    client = inProcess();
    await client.initialize(pathToFileURL(dir).href, { workspace: { codeLens: { refreshSupport: true } } });
    const opened = client.waitForDiagnostics(uri);
    await client.open(uri, SPEC);
    await opened;
  });

  afterEach(async () => {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const hoverAt = async (line: number, character: number) =>
    (
      (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } })) as {
        contents: { value: string };
      } | null
    )?.contents.value;

  it('shows the worked formula, figures, profile and sourced assumptions on a requirement heading', async () => {
    const value = (await hoverAt(9, 5))!;
    assert.match(value, /\*\*£24,960 per PCN\*\* · £4,622 per practice · £31,200,000 nationally · 249\.6 h per PCN/);
    assert.match(value, /GP: `60 min × 26\/yr × 9\.6 care homes = 249\.6 h × £100\/h = £24,960`/);
    assert.match(value, /profile `default`/);
    assert.match(value, /9\.6 care homes per PCN: 0\.2 care homes per 1,000 patients/);
    assert.match(value, /GP £100\/h: Londonwide LMCs costing rate/);
    assert.match(value, /\*\*unfunded\*\*/);
  });

  it('shows the block cost when hovering a workload block', async () => {
    const value = (await hoverAt(18, 4))!;
    assert.match(value, /\*\*Workload of EHCH-3\*\*/);
    assert.match(value, /£24,960 per PCN/);
  });

  it('puts a lens on each costed requirement and the spec total at the top', async () => {
    const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as Lens[];
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command.title]),
      [
        [0, 'Spec total £24,960 a year per PCN (£4,622 per practice) · unfunded £24,960 · profile default'],
        [9, '£24,960 per PCN · £4,622 per practice · unfunded'],
      ],
    );
  });

  it('re-costs at once when the configuration changes, and asks the client to refresh lenses', async () => {
    let refreshed = 0;
    client.connection.onRequest('workspace/codeLens/refresh', () => {
      refreshed++;
      return null;
    });
    const configPath = path.join(dir, 'service-spec.config.yaml');
    fs.writeFileSync(
      configPath,
      'estimator:\n  roles:\n    gp: { hourly-cost: 50 }\nprofiles:\n  lmc:\n    estimator: { roles: { gp: { hourly-cost: 100 } } }\n',
    );
    const summary = client.nextCostSummary((p) => p.profiles.length > 0);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(configPath).href, type: 2 }] });
    const s = (await summary) as { costPerPcn: number; profile: string; profiles: string[] };
    assert.equal(s.costPerPcn, 12480);
    assert.deepEqual(s.profiles, ['lmc']);
    assert.ok(refreshed >= 1);
    const value = (await hoverAt(9, 5))!;
    assert.match(value, /£12,480 per PCN/);
    const profiles = (await client.connection.sendRequest('serviceSpec/profiles', { uri })) as { active: string; profiles: string[] };
    assert.deepEqual(profiles, { active: 'default', profiles: ['lmc'], config: configPath });
  });

  it('uses the profile chosen in settings (serviceSpec.estimator.profile)', async () => {
    fs.writeFileSync(
      path.join(dir, 'service-spec.config.yaml'),
      'estimator:\n  roles:\n    gp: { hourly-cost: 50 }\nprofiles:\n  lmc:\n    estimator: { roles: { gp: { hourly-cost: 100 } } }\n',
    );
    await client.shutdown();
    client = inProcess();
    client.configuration = { estimator: { profile: 'lmc' } };
    await client.initialize(pathToFileURL(dir).href, { workspace: { configuration: true } });
    const summary = client.nextCostSummary();
    await client.open(uri, SPEC);
    assert.deepEqual(await summary, { uri, profile: 'lmc', profiles: ['lmc'], costPerPcn: 24960, costPerPractice: 24960 / 5.4, unfundedCostPerPcn: 24960 });
    assert.match((await hoverAt(9, 5))!, /profile `lmc`/);
  });
});

describe('costs follow an unsaved edit of the configuration', () => {
  it('re-costs open specs as the configuration document changes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sscfg-'));
    const client = inProcess();
    try {
      await client.initialize(pathToFileURL(dir).href);
      const uri = pathToFileURL(path.join(dir, 'ehch.spec.md')).href;
      const configPath = path.join(dir, 'service-spec.config.yaml');
      fs.writeFileSync(configPath, 'estimator:\n  practices: 5.4\n');
      const configUri = pathToFileURL(configPath).href;
      const first = client.nextCostSummary();
      await client.open(uri, SPEC);
      assert.equal(((await first) as { costPerPcn: number }).costPerPcn, 24960);
      await client.connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri: configUri, languageId: 'yaml', version: 1, text: 'estimator:\n  practices: 5.4\n' },
      });
      const next = client.nextCostSummary((p) => p.costPerPcn !== 24960);
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: configUri, version: 2 },
        contentChanges: [{ text: 'estimator:\n  care-homes: 4.8\n' }],
      });
      assert.equal(((await next) as { costPerPcn: number }).costPerPcn, 12480);
    } finally {
      await client.shutdown();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
