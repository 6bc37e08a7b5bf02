/**
 * `service-spec web`: the built CLI serves dist/web/ on 127.0.0.1 and prints the URL; right content types
 * and the page's policy as a header; nothing outside the folder, however the path is written; GET and HEAD
 * only; a port in use or a bad --port exits 2 with one line.
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveRequest } from '../../server/src/cli/commands/web.js';
import { ROOT } from '../helpers/golden.js';
import { CLI, startServer } from './browser.js';

/** A raw request (the path sent exactly as written, no normalisation by a client). */
function request(url: string, rawPath: string, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, path: rawPath, method }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('service-spec web', function () {
  this.timeout(60_000);
  let url = '';
  let server: ChildProcess | undefined;

  before(async () => {
    if (!fs.existsSync(path.join(ROOT, 'dist/web/index.html'))) throw new Error('dist/web/index.html is missing: run npm run build first');
    ({ url, server } = await startServer());
  });
  after(() => server?.kill());

  it('prints a URL on 127.0.0.1 and serves the page with its content types and policy', async () => {
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const expected: Record<string, string> = {
      '/': 'text/html; charset=utf-8',
      '/index.html': 'text/html; charset=utf-8',
      '/app.js': 'text/javascript; charset=utf-8',
      '/app.css': 'text/css; charset=utf-8',
      '/favicon.svg': 'image/svg+xml',
    };
    for (const [p, type] of Object.entries(expected)) {
      const r = await request(url, p);
      assert.equal(r.status, 200, p);
      assert.equal(r.headers['content-type'], type, p);
      assert.equal(r.headers['x-content-type-options'], 'nosniff');
      assert.match(String(r.headers['content-security-policy']), /default-src 'self'/);
    }
    assert.equal((await request(url, '/')).body, fs.readFileSync(path.join(ROOT, 'dist/web/index.html'), 'utf8'));
    const head = await request(url, '/app.js', 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
  });

  it('serves nothing outside its folder, however the path is written', async () => {
    for (const p of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/%2E%2E/%2E%2E/etc/passwd',
      '/..%2fpackage.json',
      '/..%5cpackage.json',
      '/%2e%2e%5cpackage.json',
      '/web/../../package.json',
      '//etc/passwd',
      '/%00',
      '/app.js%00.html',
      '/%',
      '/.hidden',
      '/nothing.html',
      'http://example.org/',
    ]) {
      const r = await request(url, p);
      assert.equal(r.status, 404, p);
      assert.doesNotMatch(r.body, /service-spec-tools|root:/, p);
    }
    for (const method of ['POST', 'PUT', 'DELETE']) assert.equal((await request(url, '/', method)).status, 405, method);
  });

  it('a symlink out of the folder names nothing', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'service-spec-web-root-'));
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'service-spec-web-outside-'));
    fs.writeFileSync(path.join(root, 'index.html'), 'page');
    fs.writeFileSync(path.join(outside, 'secret.txt'), 'secret');
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'link.txt'));
    fs.symlinkSync(outside, path.join(root, 'dir'));
    assert.equal(resolveRequest(root, '/'), fs.realpathSync(path.join(root, 'index.html')));
    assert.equal(resolveRequest(root, '/link.txt'), undefined);
    assert.equal(resolveRequest(root, '/dir/secret.txt'), undefined);
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('a port in use, or not a port, exits 2 with one line', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as net.AddressInfo).port;
    const busy = spawn(process.execPath, [CLI, 'web', '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    busy.stderr!.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((r) => busy.on('exit', r));
    blocker.close();
    assert.equal(code, 2);
    assert.equal(stderr, `service-spec: cannot serve the web page: port ${port} is in use; choose another with --port\n`);
    const bad = spawnSync(process.execPath, [CLI, 'web', '--port', 'eighty'], { encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^service-spec: web: --port eighty is not a port number/);
  });
});
