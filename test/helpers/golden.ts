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

/**
 * README blocks between `<!-- name:start -->` and `<!-- name:end -->` hold tool output; this keeps them
 * equal to what the tool prints (UPDATE_GOLDEN=1 rewrites them).
 */
export function expectReadmeBlock(name: string, content: string): void {
  const file = path.join(ROOT, 'README.md');
  const text = fs.readFileSync(file, 'utf8');
  const start = `<!-- ${name}:start -->\n`;
  const end = `<!-- ${name}:end -->`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  assert.ok(i >= 0 && j > i, `README.md has no block ${name}`);
  const block = content.endsWith('\n') ? content : content + '\n';
  if (process.env.UPDATE_GOLDEN) {
    fs.writeFileSync(file, text.slice(0, i + start.length) + block + text.slice(j));
    return;
  }
  assert.equal(text.slice(i + start.length, j), block, `README block ${name} differs from the tool's output (UPDATE_GOLDEN=1 rewrites it)`);
}
