/**
 * `service-spec web [--port N]`: serves the reviewer page (dist/web/, written by the build) on 127.0.0.1
 * with node:http and prints its URL. The page reads documents in the browser: this server only hands out
 * its own files (GET and HEAD, nothing else), and never a file outside that folder.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { packageRoot } from '../../node/paths.js';
import { CliError, UsageError, type Command, type Io } from '../command.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** The same policy as the page's meta tag, also sent as a header. */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'none'; connect-src 'none'; media-src 'none'; object-src 'none'; frame-src 'none'; worker-src 'none'; manifest-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; require-trusted-types-for 'script'; trusted-types 'none'";

export const DEFAULT_PORT = 8080;

/** The folder served: dist/web of the installed package. */
export function webRoot(): string {
  return path.join(packageRoot(), 'dist', 'web');
}

/**
 * The file a request path names inside `root`, or undefined: percent-decoded, `/` is index.html, and any
 * path with a `..`, `.` or empty segment, a backslash, a NUL or an undecodable escape names nothing; a symlink
 * leading out of `root` names nothing either.
 */
export function resolveRequest(root: string, url: string): string | undefined {
  const pathname = url.split(/[?#]/, 1)[0]!;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (!decoded.startsWith('/') || /[\\\0]/.test(decoded)) return undefined;
  const rel = decoded === '/' ? 'index.html' : decoded.slice(1);
  if (rel.split('/').some((seg) => seg === '' || seg === '.' || seg === '..' || seg.startsWith('.'))) return undefined;
  const file = path.join(root, rel);
  try {
    const real = fs.realpathSync(file);
    const realRoot = fs.realpathSync(root);
    if (path.relative(realRoot, real).startsWith('..') || path.isAbsolute(path.relative(realRoot, real))) return undefined;
    return fs.statSync(real).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

export function createWebServer(root: string): http.Server {
  return http.createServer((req, res) => {
    const headers = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-cache' };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('Method not allowed\n');
      return;
    }
    const file = resolveRequest(root, req.url ?? '/');
    const type = file ? TYPES[path.extname(file).toLowerCase()] : undefined;
    if (!file || !type) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    let body: Buffer;
    try {
      body = fs.readFileSync(file);
    } catch {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': body.length, 'Content-Security-Policy': CSP });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
}

function portOf(value: unknown): number {
  if (value === undefined) return DEFAULT_PORT;
  const s = String(value);
  const n = Number(s);
  if (!/^\d+$/.test(s) || n > 65535) throw new UsageError(`--port ${s} is not a port number (0 to 65535; 0 picks a free one)`);
  return n;
}

export const web: Command = {
  name: 'web',
  summary: 'serve the reviewer web page on this computer (documents are read in the browser)',
  help: `Usage: service-spec web [--port N]

Serves the reviewer web page on http://127.0.0.1:N/ and prints that address; open it in a browser.
The page opens Word drafts (.docx), specs, review notes and a configuration in the browser itself:
no document is sent to this server or anywhere else. Stop it with Ctrl+C.

The page is the folder dist/web/ of this package: it works from any static web server too.

Options:
  --port N     port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  -h, --help   show this help

Exit status: 2 when the page is not built or the port cannot be used; otherwise it runs until stopped.
`,
  options: { port: { type: 'string' } },
  run(args, io: Io) {
    const port = portOf(args.values.port);
    const root = webRoot();
    if (!fs.existsSync(path.join(root, 'index.html'))) throw new CliError(`the web page is not built: ${root} has no index.html (run npm run build)`);
    const server = createWebServer(root);
    server.on('error', (e: NodeJS.ErrnoException) => {
      const why =
        e.code === 'EADDRINUSE'
          ? `port ${port} is in use; choose another with --port`
          : e.code === 'EACCES'
            ? `port ${port} needs more rights; choose one above 1023`
            : e.message;
      io.stderr(`service-spec: cannot serve the web page: ${why}\n`);
      process.exitCode = 2;
    });
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      io.stdout(`Serving the reviewer page at http://127.0.0.1:${actual}/ (Ctrl+C stops it)\n`);
    });
    return 0;
  },
};
