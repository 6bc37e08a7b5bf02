/**
 * `node:path` for the page: the POSIX functions the project model uses (`server/src/project` imports
 * `node:path`), over the page's in-memory folder tree, whose current folder is `/`. The browser bundle maps
 * `node:path` and `path` to this module (scripts/build-web.mjs); test/web/path.test.ts checks it against
 * Node's `path.posix` on generated paths.
 */

export const sep = '/';
export const delimiter = ':';

/** Resolves `.` and `..` segments and repeated slashes of a path's segments (no leading slash kept). */
function normalSegments(p: string, absolute: boolean): string[] {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
      continue;
    }
    out.push(seg);
  }
  return out;
}

export function isAbsolute(p: string): boolean {
  return p.startsWith('/');
}

export function normalize(p: string): string {
  if (p === '') return '.';
  const absolute = isAbsolute(p);
  const trailing = p.endsWith('/');
  let out = normalSegments(p, absolute).join('/');
  if (!out && !absolute) out = '.';
  if (out && trailing) out += '/';
  return absolute ? `/${out}` : out;
}

export function join(...parts: string[]): string {
  const joined = parts.filter((x) => x !== '').join('/');
  return joined === '' ? '.' : normalize(joined);
}

export function resolve(...parts: string[]): string {
  let acc = '';
  for (let i = parts.length - 1; i >= 0 && !isAbsolute(acc); i--) {
    const p = parts[i]!;
    if (p === '') continue;
    acc = acc ? `${p}/${acc}` : p;
  }
  // The page's current folder is the root.
  return `/${normalSegments(acc, true).join('/')}`;
}

export function relative(from: string, to: string): string {
  const a = normalSegments(resolve(from), true);
  const b = normalSegments(resolve(to), true);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}

/** Without trailing slashes; the root stays `/`. */
function trimEnd(p: string): string {
  let end = p.length;
  while (end > 1 && p[end - 1] === '/') end--;
  return p.slice(0, end);
}

export function dirname(p: string): string {
  if (p === '') return '.';
  const t = trimEnd(p);
  const i = t.lastIndexOf('/');
  if (i < 0) return '.';
  if (i === 0) return '/';
  return trimEnd(t.slice(0, i));
}

export function basename(p: string, ext?: string): string {
  const t = trimEnd(p);
  const base = t === '/' ? '' : t.slice(t.lastIndexOf('/') + 1);
  return ext && base !== ext && base.endsWith(ext) ? base.slice(0, -ext.length) : base;
}

export function extname(p: string): string {
  const base = basename(p);
  const i = base.lastIndexOf('.');
  return i <= 0 || base === '..' ? '' : base.slice(i);
}

const path = { sep, delimiter, isAbsolute, normalize, join, resolve, relative, dirname, basename, extname };
export const posix = path;
export default path;
