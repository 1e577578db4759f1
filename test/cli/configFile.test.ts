/**
 * Which config file the command line uses: `--config FILE` on every command, else the nearest
 * `llm-packer.config.json` from the working directory up to the repository root, else the one
 * in the packed root.
 */
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { runInProcess } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { writeTree } from '../pack/packFixtures.js';

/** A config with one scope, `docs`, that packs only docs/. */
const DOCS_CONFIG = JSON.stringify({ scopes: { docs: { include: ['docs/**'] } } });

const FILES = { 'README.md': '# r\n', 'docs/guide.md': '# guide\n', 'src/a.ts': 'export {};\n' };

async function repoWith(t: Parameters<typeof tempDir>[0], files: Record<string, string>): Promise<string> {
  const repo = join(await tempDir(t), 'repo');
  await mkdir(join(repo, '.git'), { recursive: true });
  await writeTree(repo, { ...FILES, ...files });
  return repo;
}

test('pack of a subfolder finds the config at the repository root', async (t) => {
  const repo = await repoWith(t, { 'llm-packer.config.json': DOCS_CONFIG, 'pkg/docs/a.md': '# a\n', 'pkg/b.ts': '' });
  const r = await runInProcess(['pack', '.', '--scope', 'docs', '--json', '--quiet'], join(repo, 'pkg'));
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).filesPacked, 1);
});

test('pack --config FILE uses that file, relative to the working directory', async (t) => {
  const repo = await repoWith(t, { 'configs/docs.json': DOCS_CONFIG });
  const without = await runInProcess(['pack', '.', '--scope', 'docs', '--quiet'], repo);
  assert.equal(without.code, 2);
  assert.match(without.stderr, /^PACK_SCOPE_UNKNOWN/);
  const r = await runInProcess(['pack', '.', '--scope', 'docs', '--config', 'configs/docs.json', '--json', '--quiet'], repo);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).filesPacked, 1);
});

test('a config found from the working directory wins over the packed root\'s', async (t) => {
  const repo = await repoWith(t, { 'llm-packer.config.json': '{"scopes": {"docs": {"include": ["src/**"]}}}' });
  const work = await repoWith(t, { 'llm-packer.config.json': DOCS_CONFIG });
  const fromWork = await runInProcess(['pack', repo, '--scope', 'docs', '--json', '--quiet'], work);
  assert.equal(fromWork.code, 0, fromWork.stderr);
  const packed = JSON.parse(fromWork.stdout);
  assert.equal(packed.filesPacked, 1);
  // Run from outside any repository: the packed root's own config applies.
  const outside = await tempDir(t);
  const fromRoot = await runInProcess(['pack', repo, '--scope', 'docs', '--json', '--quiet'], outside);
  assert.equal(fromRoot.code, 0, fromRoot.stderr);
  assert.notEqual(JSON.parse(fromRoot.stdout).refs.manifestRef, packed.refs.manifestRef);
});

test('every command takes --config; a missing or broken file stops it with exit 2', async (t) => {
  const repo = await repoWith(t, {});
  const commands = [
    ['pack', '.'],
    ['verify', 'nowhere'],
    ['consume', 'nowhere', '--out', 'x'],
    ['audit'],
    ['gc'],
    ['cas', 'fsck'],
    ['cas', 'has', 'a'.repeat(64)],
    ['roots', 'list'],
    ['pins', 'list'],
    ['runs', 'list'],
  ];
  for (const argv of commands) {
    const r = await runInProcess([...argv, '--config', 'missing.json'], repo);
    assert.equal(r.code, 2, `${argv.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^CONFIG_NOT_FOUND: \S+missing\.json: no such file/, argv.join(' '));
  }
  await writeTree(repo, { 'llm-packer.config.json': '{"limit": {}}' });
  const broken = await runInProcess(['runs', 'list'], join(repo, 'docs'));
  assert.equal(broken.code, 2);
  assert.match(broken.stderr, /^CONFIG_INVALID: \S+llm-packer\.config\.json: \(root\): /);
});
