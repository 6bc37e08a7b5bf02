/** The one git module: revisions verified, options refused, paths that exist only at a revision. */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GitError, kindAt, repositoryOf, resolveRevision, showFile } from '../../server/src/node/git.js';

describe('node/git', () => {
  let repo: string;
  before(() => {
    repo = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ss-git-')));
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { cwd: repo });
    git('init', '-q');
    fs.mkdirSync(path.join(repo, 'gone'));
    fs.writeFileSync(path.join(repo, 'gone/a.spec.md'), 'old text\n');
    git('add', '.');
    git('commit', '-qm', 'one');
    fs.rmSync(path.join(repo, 'gone'), { recursive: true });
  });
  after(() => fs.rmSync(repo, { recursive: true, force: true }));

  it('finds the repository of a folder that exists only at a revision', () => {
    assert.equal(repositoryOf(path.join(repo, 'gone')), repo);
    const r = resolveRevision(path.join(repo, 'gone'), 'HEAD');
    assert.equal(kindAt(r, path.join(repo, 'gone')), 'tree');
    assert.equal(showFile(r, path.join(repo, 'gone/a.spec.md')), 'old text\n');
  });

  it('refuses an option as a revision before git sees it, and names unknown revisions', () => {
    assert.throws(() => resolveRevision(repo, '--output=/tmp/x'), GitError);
    assert.throws(() => resolveRevision(repo, 'no-such-branch'), /unknown git revision "no-such-branch"/);
  });

  it('says when a folder is not inside a repository', () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-nogit-'));
    try {
      assert.throws(() => repositoryOf(outside), /is not inside a git repository/);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});
