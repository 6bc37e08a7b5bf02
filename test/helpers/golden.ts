/**
 * Golden files: expected outputs kept beside the tests. Run with UPDATE_GOLDEN=1 to rewrite them after a
 * deliberate change, then review the diff like any other code change.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');

export function expectGolden(relativeFile: string, actual: string): void {
  const file = path.join(ROOT, relativeFile);
  if (process.env.UPDATE_GOLDEN) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, actual);
    return;
  }
  if (!fs.existsSync(file)) assert.fail(`golden file ${relativeFile} is missing; run the tests with UPDATE_GOLDEN=1 to create it`);
  const expected = fs.readFileSync(file, 'utf8');
  assert.equal(actual, expected, `output differs from ${relativeFile} (UPDATE_GOLDEN=1 rewrites it)`);
}

/** Joins lines with `\n`, so test inputs read like the documents they stand for. */
export function joinLines(...lines: string[]): string {
  return lines.join('\n');
}

/**
 * Removes `$$` markers from a text and returns their offsets, so tests can point at positions inline.
 */
export function markers(text: string): { text: string; offsets: number[] } {
  const offsets: number[] = [];
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('$$', i)) {
      offsets.push(out.length);
      i += 2;
    } else out += text[i++];
  }
  return { text: out, offsets };
}

/** Markdown files that may hold tool-output blocks: README.md and every page under docs/. */
export function docFiles(): string[] {
  const out = ['README.md'];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith('.md')) out.push(rel);
    }
  };
  walk('docs');
  return out;
}

/**
 * Blocks between `<!-- name:start -->` and `<!-- name:end -->` in README.md or a page under docs/ hold
 * tool output; this keeps them equal to what the tool prints (UPDATE_GOLDEN=1 rewrites them). The block
 * is looked for in `file` when given, else in whichever of those files holds it (exactly one must).
 */
export function expectReadmeBlock(name: string, content: string, file?: string): void {
  const start = `<!-- ${name}:start -->\n`;
  const end = `<!-- ${name}:end -->`;
  const holders = (file ? [file] : docFiles()).filter((f) => fs.existsSync(path.join(ROOT, f)) && fs.readFileSync(path.join(ROOT, f), 'utf8').includes(start));
  assert.ok(
    holders.length === 1,
    holders.length ? `block ${name} is in several files: ${holders.join(', ')}` : `no block ${name} in ${file ?? 'README.md or docs/'}`,
  );
  const abs = path.join(ROOT, holders[0]!);
  const text = fs.readFileSync(abs, 'utf8');
  const i = text.indexOf(start);
  const j = text.indexOf(end, i);
  assert.ok(j > i, `${holders[0]}: block ${name} has no end marker`);
  const block = content.endsWith('\n') ? content : content + '\n';
  if (process.env.UPDATE_GOLDEN) {
    fs.writeFileSync(abs, text.slice(0, i + start.length) + block + text.slice(j));
    return;
  }
  assert.equal(text.slice(i + start.length, j), block, `${holders[0]}: block ${name} differs from the tool's output (UPDATE_GOLDEN=1 rewrites it)`);
}
