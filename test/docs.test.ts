/**
 * The documentation against the product: the extension's README lists what package.json contributes,
 * links lead somewhere, quoted outputs are the tool's, every documented command runs, and nothing cites
 * material that users do not have.
 *
 * Conventions the tests rely on: a block `<!-- run-NAME:start -->` whose first line is
 * `$ npx service-spec ARGS` holds that command's output (UPDATE_GOLDEN=1 fills it); every ```sh block of
 * README.md or docs/ that holds `npx service-spec` is run on a copy of samples/ (commands that need other
 * files belong in a ```text block).
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from './helpers/cli.js';
import { ROOT, docFiles, expectReadmeBlock } from './helpers/golden.js';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), 'utf8');

/** README.md, every page under docs/ and the extension's README: the Markdown this project publishes. */
const MARKDOWN = [...docFiles(), 'client/README.md'];

/** The text outside fenced code blocks and code spans, line breaks kept (so line numbers still hold). */
function prose(text: string): string {
  let fence: { char: string; length: number } | undefined;
  const lines = text.split('\n').map((line) => {
    const open = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (!fence) {
      if (open) {
        fence = { char: open[1]![0]!, length: open[1]!.length };
        return '';
      }
      return line.replace(/(`+)(?:(?!\1)[^\n])*?\1/g, '');
    }
    const close = new RegExp(`^\\s{0,3}\\${fence.char}{${fence.length},}\\s*$`);
    if (close.test(line)) fence = undefined;
    return '';
  });
  return lines.join('\n');
}

/** Link and image targets of a Markdown text, with their 1-based lines. */
function links(text: string): { target: string; line: number }[] {
  const out: { target: string; line: number }[] = [];
  prose(text)
    .split('\n')
    .forEach((line, i) => {
      for (const m of line.matchAll(/!?\[[^\]]*\]\(\s*(?:<([^>]*)>|([^)\s]+))(?:\s+"[^"]*")?\s*\)/g)) out.push({ target: (m[1] ?? m[2])!, line: i + 1 });
    });
  return out;
}

/** GitHub's anchors for the headings of a Markdown text. */
function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  let fence = false;
  for (const line of text.split('\n')) {
    if (/^\s{0,3}(`{3,}|~{3,})/.test(line)) fence = !fence;
    const h = fence ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!h) continue;
    const base = h[1]!
      .replace(/[`*_]/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N} -]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n ? `${base}-${n}` : base);
  }
  return out;
}

const isUrl = (t: string) => /^[a-z][a-z0-9+.-]*:/i.test(t);

describe('documentation', () => {
  it('reads links outside code only, and headings as GitHub anchors', () => {
    const text = [
      '# Which configuration, which workspace',
      'See [a](a.md#x) and ![b](img/b.png "B"), not `[c](c.md)`.',
      '````markdown',
      '```sh',
      '[d](d.md)',
      '```',
      '````',
      '## `--rev` and JSON output',
      '## JSON output',
      '## JSON output',
      '[e](<e f.md>)',
    ].join('\n');
    assert.deepEqual(links(text), [
      { target: 'a.md#x', line: 2 },
      { target: 'img/b.png', line: 2 },
      { target: 'e f.md', line: 11 },
    ]);
    assert.deepEqual([...anchors(text)], ['which-configuration-which-workspace', '--rev-and-json-output', 'json-output', 'json-output-1']);
  });

  it('client/README.md documents every contributed command (by its title) and every setting (with its default)', () => {
    const readme = read('client/README.md');
    for (const c of pkg.contributes.commands as { command: string; title: string; category?: string }[]) {
      const title = c.category ? `${c.category}: ${c.title}` : c.title;
      assert.ok(readme.includes(`**${title}**`), `client/README.md does not document the command "${title}" (${c.command})`);
    }
    for (const [key, p] of Object.entries(pkg.contributes.configuration.properties as Record<string, { default: unknown }>)) {
      const row = `| \`${key}\` | \`${JSON.stringify(p.default)}\` |`;
      assert.ok(readme.includes(row), `client/README.md has no row "${row}" for the setting ${key}`);
    }
  });

  it('links only to files and headings that exist', () => {
    const broken: string[] = [];
    for (const file of MARKDOWN) {
      const text = read(file);
      for (const { target, line } of links(text)) {
        if (isUrl(target)) continue;
        const [rel, anchor] = target.split('#') as [string, string | undefined];
        const abs = rel ? path.resolve(path.dirname(path.join(ROOT, file)), decodeURIComponent(rel)) : path.join(ROOT, file);
        if (!fs.existsSync(abs)) {
          broken.push(`${file}:${line}: ${target} (no such file)`);
          continue;
        }
        if (anchor && abs.endsWith('.md') && !anchors(fs.readFileSync(abs, 'utf8')).has(anchor)) broken.push(`${file}:${line}: ${target} (no such heading)`);
      }
    }
    assert.deepEqual(broken, []);
  });

  it('client/README.md has no relative links (the packaged extension has no repository to resolve them in)', () => {
    const relative = links(read('client/README.md')).filter(({ target }) => !isUrl(target));
    assert.deepEqual(relative, []);
  });

  it('README.md and docs/ cite no material users do not have', () => {
    const forbidden = [
      /\.\.\/shared/,
      new RegExp(`format-${'contract'}`, 'i'),
      new RegExp(`domain-${'facts'}`, 'i'),
      new RegExp(`\\bthe ${'contract'}\\b`, 'i'),
      new RegExp(`\\b${'contract'} section\\b`, 'i'),
      /\bsections? \d+(?:[–-]\d+)?\b/i,
      /\bissues? #?\d+\b/i,
    ];
    // Bracketed source tags such as [LW-EX]; quoted tool output (named blocks) is left to the tools.
    const tag = /\[(?:[A-Z][A-Z0-9]*-)*[A-Z][A-Z0-9]+\](?!\()/;
    const found: string[] = [];
    for (const file of MARKDOWN) {
      const text = read(file);
      const own = prose(text).replace(/<!-- ([\w-]+):start -->[\s\S]*?<!-- \1:end -->/g, (b) => b.replace(/[^\n]/g, ''));
      text.split('\n').forEach((line, i) => {
        for (const re of forbidden) if (re.test(line)) found.push(`${file}:${i + 1}: ${line.trim()}`);
      });
      own.split('\n').forEach((line, i) => {
        if (tag.test(line)) found.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    assert.deepEqual(found, []);
  });

  it('no tracked file mentions the internal reference material (lists each offending line)', () => {
    const words = ['..' + '/shared', 'format-' + 'contract', 'domain-' + 'facts'];
    const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
      .split('\0')
      .filter((f) => f && f !== 'package-lock.json' && fs.existsSync(path.join(ROOT, f)));
    const offenders: string[] = [];
    for (const f of files) {
      const buf = fs.readFileSync(path.join(ROOT, f));
      if (buf.includes(0)) continue; // binary
      buf
        .toString('utf8')
        .split('\n')
        .forEach((line, i) => {
          if (words.some((w) => line.includes(w))) offenders.push(`${f}:${i + 1}: ${line.trim().slice(0, 160)}`);
        });
    }
    assert.ok(offenders.length === 0, `${offenders.length} line(s) cite internal reference material:\n  ${offenders.join('\n  ')}`);
  });

  it('quotes the tool output of every `run-*` block as the tool prints it', () => {
    let blocks = 0;
    for (const file of docFiles()) {
      for (const m of read(file).matchAll(/<!-- (run-[\w-]+):start -->\n```text\n\$ npx service-spec ([^\n]*)\n/g)) {
        const args = m[2]!.trim().split(/\s+/);
        const r = run(args);
        assert.ok(r.code === 0 || r.code === 1, `${file}: service-spec ${m[2]} exited ${r.code}: ${r.stderr}`);
        expectReadmeBlock(m[1]!, `\`\`\`text\n$ npx service-spec ${m[2]}\n${r.stdout}\`\`\`\n`, file);
        blocks++;
      }
    }
    assert.ok(blocks >= 3, `expected the guides to quote at least 3 run-* blocks, found ${blocks}`);
  });

  it('runs every `npx service-spec` command of README.md and the guides on a copy of the samples', function () {
    this.timeout(180_000);
    const cli = path.join(ROOT, 'dist/cli.cjs');
    assert.ok(fs.existsSync(cli), 'dist/cli.cjs is not built (npm run build)');
    const failures: string[] = [];
    let commands = 0;
    for (const file of docFiles()) {
      const fences = [...read(file).matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]!).filter((b) => b.includes('npx service-spec '));
      for (const script of fences) {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssdocs-'));
        try {
          fs.cpSync(path.join(ROOT, 'samples'), path.join(dir, 'samples'), { recursive: true });
          const log = path.join(dir, '.commands');
          // `npx service-spec ARGS` runs this build and records its exit status; anything else runs as written.
          const prelude = `set -e\nnpx() { [ "$1" = service-spec ] || return 127; shift; set +e; node "$SS_CLI" "$@"; local rc=$?; set -e; echo "$rc service-spec $*" >> "$SS_LOG"; }\n`;
          const r = spawnSync('bash', ['-c', prelude + script], {
            cwd: dir,
            encoding: 'utf8',
            env: {
              ...process.env,
              SS_CLI: cli,
              SS_LOG: log,
              NO_COLOR: '1',
              GIT_AUTHOR_NAME: 'Docs test',
              GIT_AUTHOR_EMAIL: 'docs@example.invalid',
              GIT_COMMITTER_NAME: 'Docs test',
              GIT_COMMITTER_EMAIL: 'docs@example.invalid',
              GIT_CONFIG_GLOBAL: '/dev/null',
            },
          });
          if (r.status !== 0) failures.push(`${file}: the block\n${script}exited ${r.status}: ${r.stderr.trim()}`);
          const ran = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n') : [];
          commands += ran.length;
          for (const line of ran) if (!/^[01] /.test(line)) failures.push(`${file}: exit status ${line}`);
          const expected = script.split('\n').filter((l) => l.includes('npx service-spec ')).length;
          if (ran.length !== expected) failures.push(`${file}: ran ${ran.length} of the ${expected} commands of the block\n${script}${r.stderr}`);
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      }
    }
    assert.deepEqual(failures, []);
    assert.ok(commands >= 20, `expected at least 20 documented commands, found ${commands}`);
  });
});
