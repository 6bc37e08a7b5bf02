/**
 * The reviewer page in a real browser: Debian's Chromium driven by playwright-core (no browser is ever
 * downloaded), the page served by the real `service-spec web` from the built dist/web/. Every request is
 * routed: one to another origin is recorded and refused; console errors and page errors are recorded too.
 *
 * Without Chromium the tests fail with a message saying how to install it, unless SERVICE_SPEC_SKIP_BROWSER=1.
 */
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Download, type Page } from 'playwright-core';
import { ROOT } from '../helpers/golden.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../helpers/chromium.js';

export const SKIP_BROWSER = process.env.SERVICE_SPEC_SKIP_BROWSER === '1';
export const CLI = path.join(ROOT, 'dist/cli.cjs');

/** Why the browser tests cannot run here, or undefined. */
export function missing(): string | undefined {
  if (!fs.existsSync(CHROMIUM))
    return `no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH), or set SERVICE_SPEC_SKIP_BROWSER=1 to skip these tests`;
  if (!fs.existsSync(path.join(ROOT, 'dist/web/index.html'))) return 'dist/web/index.html is missing: run npm run build first';
  return undefined;
}

/** Starts `service-spec web --port 0` and returns its URL once it prints it. */
export function startServer(): Promise<{ url: string; server: ChildProcess }> {
  const server = spawn(process.execPath, [CLI, 'web', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`service-spec web printed no URL in 30 s: ${out}`)), 30_000);
    const onData = (d: Buffer) => {
      out += String(d);
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(out)?.[0];
      if (url) {
        clearTimeout(timer);
        resolve({ url, server });
      }
    };
    server.stdout!.on('data', onData);
    server.stderr!.on('data', onData);
    server.on('exit', (code) => reject(new Error(`service-spec web exited with ${code}: ${out}`)));
  });
}

export interface Harness {
  url: string;
  browser: Browser;
  context: BrowserContext;
  /** Requests to any other origin (refused). */
  offsite: string[];
  /** Console errors and uncaught page errors, with the page they came from. */
  errors: string[];
  dialogs: string[];
  downloads: string;
  close(): Promise<void>;
}

export async function launch(options: { bypassCSP?: boolean } = {}): Promise<Harness> {
  const { url, server } = await startServer();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 }, bypassCSP: options.bypassCSP ?? false });
  const origin = new URL(url).origin;
  const h: Harness = {
    url,
    browser,
    context,
    offsite: [],
    errors: [],
    dialogs: [],
    downloads: fs.mkdtempSync(path.join(os.tmpdir(), 'service-spec-web-')),
    async close() {
      await browser.close().catch(() => undefined);
      server.kill();
      fs.rmSync(h.downloads, { recursive: true, force: true });
    },
  };
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith(`${origin}/`) || u.startsWith('blob:') || u.startsWith('data:')) return route.continue();
    h.offsite.push(u);
    return route.abort();
  });
  context.on('page', (p) => watch(h, p));
  return h;
}

function watch(h: Harness, page: Page): void {
  page.on('console', (m) => {
    if (m.type() === 'error') h.errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => h.errors.push(`page error: ${e.message}`));
  page.on('dialog', (d) => {
    h.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(h.url) && !u.startsWith('blob:') && !u.startsWith('data:') && !h.offsite.includes(u)) h.offsite.push(u);
  });
}

/** A fresh page on the reviewer page, ready. */
export async function openPage(h: Harness): Promise<Page> {
  const page = await h.context.newPage();
  await page.goto(h.url, { waitUntil: 'load' });
  await page.locator('body[data-ready]').waitFor();
  return page;
}

/** Files from disk or memory opened through the **Open documents** input; waits for the page to render them. */
export async function openFiles(page: Page, files: (string | { name: string; mimeType: string; buffer: Buffer })[]): Promise<void> {
  const before = await page.evaluate(() => document.body.dataset.generation ?? '');
  const payloads = files.map((f) => (typeof f === 'string' ? { name: path.basename(f), mimeType: 'application/octet-stream', buffer: fs.readFileSync(f) } : f));
  await page.getByLabel('Open documents', { exact: true }).setInputFiles(payloads);
  await page.waitForFunction((g) => document.body.dataset.generation !== g && !document.body.dataset.busy, before);
}

/** Clicks a button that saves one or more files; returns them by name. */
export async function download(h: Harness, page: Page, click: () => Promise<void>, count = 1): Promise<Map<string, Buffer>> {
  const got: Download[] = [];
  const done = new Promise<void>((resolve) => {
    const on = (d: Download) => {
      got.push(d);
      if (got.length === count) {
        page.off('download', on);
        resolve();
      }
    };
    page.on('download', on);
  });
  await click();
  await done;
  const out = new Map<string, Buffer>();
  for (const d of got) {
    const file = path.join(h.downloads, `${Date.now()}-${d.suggestedFilename()}`);
    await d.saveAs(file);
    out.set(d.suggestedFilename(), fs.readFileSync(file));
  }
  return out;
}

/** No console error, no page error, no dialog, no request to another origin so far. */
export function expectClean(h: Harness): void {
  assert.deepEqual(h.errors, [], 'console or page errors');
  assert.deepEqual(h.dialogs, [], 'dialogs');
  assert.deepEqual(h.offsite, [], 'requests to another origin');
}
