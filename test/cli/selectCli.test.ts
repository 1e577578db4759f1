/**
 * Choosing files, end to end through the built CLI: `pack --stdin` (lines and `-z`),
 * `--fail-on-secrets`, a file over `--max-entry-bytes`, and `why` for every reason.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { runBuilt } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { writeTree } from '../pack/packFixtures.js';
import { githubToken, privateKeyPem } from '../secrets/secretFixtures.js';
import { AGS_FILES } from './packCli.js';

const json = async (path: string) => JSON.parse(await readFile(path, 'utf8'));
const packedPaths = async (out: string): Promise<string[]> =>
  (await json(join(out, 'meta', 'FILE_INDEX.json'))).files.map((f: { path: string }) => f.path);
const omittedOf = async (out: string, path: string) =>
  (await json(join(out, 'meta', 'OMITTED.json'))).files.find((e: { path: string }) => e.path === path);

const TREE = {
  '.gitignore': '# build output\ndist/\n',
  'README.md': '# demo\n',
  'src/a.ts': 'export const a = 1;\n',
  'src/b.ts': 'export const b = 2;\n',
  'docs/with space.md': 'spaced name\n',
  'dist/app.js': 'built\n',
  'package-lock.json': '{}\n',
  'logo.bin': Buffer.from([0x89, 0, 1, 2, 0]),
  'big.txt': 'x'.repeat(300),
};

test('pack --stdin packs exactly the listed files (one a line); the rest is outside-include, an ignored listed file keeps its rule', async (t) => {
  const dir = await tempDir(t);
  const root = join(dir, 'root');
  await writeTree(root, TREE);
  const input = 'src/a.ts\n./docs/with space.md\r\ndist/app.js\n\n';
  const r = await runBuilt(['pack', '--stdin', '--out-dir', join(dir, 'OUT'), '--json'], { cwd: root, input });
  assert.equal(r.code, 0, r.stderr);
  const out = join(dir, 'OUT');
  assert.deepEqual(await packedPaths(out), ['docs/with space.md', 'src/a.ts']);
  assert.equal((await omittedOf(out, 'src/b.ts'))?.reason, 'outside-include');
  assert.deepEqual(await omittedOf(out, 'dist/'), { path: 'dist/', reason: 'gitignore', rule: 'dist/', source: '.gitignore', line: 2 });

  const missing = await runBuilt(['pack', '--stdin', '--out-dir', join(dir, 'OUT2')], { cwd: root, input: 'src/nope.ts\n' });
  assert.equal(missing.code, 2, missing.stderr);
  assert.match(missing.stderr, /src\/nope\.ts/);
});

test('pack --stdin -z takes NUL-separated names whole: a space stays, a line break is part of the name', async (t) => {
  const dir = await tempDir(t);
  const root = join(dir, 'root');
  await writeTree(root, { ...TREE, 'src/new\nline.ts': 'odd name\n' });
  const ok = await runBuilt(['pack', '--stdin', '-z', '--out-dir', join(dir, 'OUT'), '--json'], {
    cwd: root,
    input: 'docs/with space.md\0src/b.ts\0',
  });
  assert.equal(ok.code, 0, ok.stderr);
  assert.deepEqual(await packedPaths(join(dir, 'OUT')), ['docs/with space.md', 'src/b.ts']);

  // The name with a line break arrives whole (as lines it would be "src/new" and "line.ts", which
  // do not exist); a pack never holds it, as every pack path must be portable.
  const odd = await runBuilt(['pack', '--stdin', '-z', '--out-dir', join(dir, 'OUT2')], { cwd: root, input: 'src/a.ts\0src/new\nline.ts\0' });
  assert.equal(odd.code, 1, odd.stderr);
  assert.match(odd.stderr, /^PACK_UNPORTABLE_PATH: unsafe path "src\/new\\nline\.ts"/m);
  assert.doesNotMatch(odd.stderr, /performance mark/, 'the secret scan of that name does not crash');
  const asLines = await runBuilt(['pack', '--stdin', '--out-dir', join(dir, 'OUT3')], { cwd: root, input: 'src/a.ts\0src/new\nline.ts\0' });
  assert.notEqual(asLines.code, 0);

  const noZ = await runBuilt(['pack', '-z', '--out-dir', join(dir, 'OUT4')], { cwd: root });
  assert.equal(noZ.code, 2);
  assert.match(noZ.stderr, /^USAGE: -z only goes with --stdin/m);
});

test('--fail-on-secrets: a private key block and a GitHub token are withheld and listed, the pack is written, exit 1', async (t) => {
  const dir = await tempDir(t);
  const root = join(dir, 'root');
  const key = `export const x = 1;\nconst key = \`${privateKeyPem()}\`;\n`;
  await writeTree(root, { 'src/key.ts': key, 'src/token.js': `// config\nconst token = "${githubToken()}";\n`, 'src/ok.ts': 'export const ok = true;\n' });
  const out = join(dir, 'OUT');
  const r = await runBuilt(['pack', '--fail-on-secrets', '--out-dir', out, '--json'], { cwd: root });
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /^SECRETS_WITHHELD: files were withheld for secrets \(see meta\/SECRETS\.json\); the pack was written$/m);
  const summary = JSON.parse(r.stdout);
  const listed = summary.secrets.map((f: { path: string; line: number; rule: string; withheld: boolean }) => [f.path, f.line, f.rule, f.withheld]);
  assert.deepEqual(listed, [
    ['src/key.ts', 2, '@secretlint/secretlint-rule-privatekey', true],
    ['src/token.js', 2, '@secretlint/secretlint-rule-github', true],
  ]);
  for (const f of summary.secrets) assert.match(f.fingerprint, /^[0-9a-f]{16}$/);
  assert.equal(summary.leftOut.secret, 2);

  // Written, and holding neither file: not packed, not in FULL, not in the store; listed in meta/.
  await access(join(out, 'SEAL.json'));
  assert.deepEqual(await packedPaths(out), ['src/ok.ts']);
  const full = await readFile(join(out, 'FULL', `REPO-FULL-${summary.stamp}.md`), 'utf8');
  assert.ok(!full.includes('PRIVATE KEY') && !full.includes(githubToken()));
  const meta = await readFile(join(out, 'meta', 'SECRETS.json'), 'utf8');
  assert.ok(!meta.includes('PRIVATE KEY') && !meta.includes(githubToken()), 'the secret itself is never written');
  assert.equal(JSON.parse(meta).withheld, 2);
  assert.deepEqual(await omittedOf(out, 'src/key.ts'), { path: 'src/key.ts', reason: 'secret', rule: '@secretlint/secretlint-rule-privatekey', source: 'meta/SECRETS.json', line: 2 });
  const hash = createHash('sha256').update(key).digest('hex');
  await assert.rejects(access(join(root, '.llm-packer', 'cas', hash[0]!, hash.slice(1, 3), hash)), { code: 'ENOENT' });

  // Without the flag the same pack succeeds.
  const plain = await runBuilt(['pack', '--out-dir', out, '--quiet'], { cwd: root });
  assert.equal(plain.code, 0, plain.stderr);
});

test('a file over --max-entry-bytes is left out as too-large in the repo scope; the AGS scopes refuse', async (t) => {
  const dir = await tempDir(t);
  const root = join(dir, 'root');
  await writeTree(root, TREE);
  const out = join(dir, 'OUT');
  const r = await runBuilt(['pack', '--max-entry-bytes', '100', '--out-dir', out, '--json'], { cwd: root });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).leftOut['too-large'], 1);
  assert.ok(!(await packedPaths(out)).includes('big.txt'));
  assert.deepEqual(await omittedOf(out, 'big.txt'), { path: 'big.txt', reason: 'too-large', rule: 'max_entry_bytes', bytes: 300, limit: 100 });
  assert.equal((await omittedOf(out, 'logo.bin'))?.reason, 'binary', 'a binary file stays binary');

  const ags = join(dir, 'ags');
  await writeTree(ags, AGS_FILES);
  const refused = await runBuilt(['why', 'LAW/rules.md', '--max-entry-bytes', '5'], { cwd: ags });
  assert.equal(refused.code, 1, refused.stderr);
  assert.match(refused.stderr, /^PACK_LIMIT_EXCEEDED:max_entry_bytes \(\d+ > 5\) \(file LAW\/rules\.md; raise with --max-entry-bytes N or limits\.maxEntryBytes in llm-packer\.config\.json\)$/m);
});

test('why names the reason: packed, the ignore rule with file and line, default ignore, binary, too large, secret, outside include', async (t) => {
  const dir = await tempDir(t);
  const root = join(dir, 'root');
  await writeTree(root, { ...TREE, 'src/token.js': `const token = "${githubToken()}";\n` });
  const why = async (...args: string[]) => {
    const r = await runBuilt(['why', ...args], { cwd: root });
    assert.equal(r.code, 0, r.stderr);
    return r.stdout.trim();
  };
  assert.equal(await why('src/a.ts'), 'src/a.ts: packed');
  assert.equal(await why('dist/app.js'), 'dist/app.js: not packed — gitignore: matched by .gitignore:2 (dist/), in the folder dist/ left out');
  assert.match(await why('package-lock.json'), /^package-lock\.json: not packed — default-ignore: matched by default ignores \(lock files\) \(package-lock\.json\)$/);
  assert.match(await why('logo.bin'), /^logo\.bin: not packed — binary: /);
  assert.equal(await why('big.txt'), 'big.txt: packed', 'within the default limit');
  assert.equal(
    await why('big.txt', '--max-entry-bytes', '100'),
    'big.txt: not packed — too-large: 300 bytes, over the per-file limit of 100 (max_entry_bytes) (raise it with --max-entry-bytes)',
  );
  assert.deepEqual(JSON.parse(await why('big.txt', '--max-entry-bytes', '100', '--json')), {
    path: 'big.txt',
    packed: false,
    entry: { path: 'big.txt', reason: 'too-large', rule: 'max_entry_bytes', bytes: 300, limit: 100 },
  });
  assert.match(await why('src/token.js'), /^src\/token\.js: not packed — secret: withheld, line 1 \(@secretlint\/secretlint-rule-github\); see meta\/SECRETS\.json$/);
  assert.match(await why('README.md', '--include', 'src/'), /^README\.md: not packed — outside include: matches none of --include \(src\/\)$/);
  assert.equal(await why('README.md', '--include', 'src/', '--include', '*.md'), 'README.md: packed');
  assert.equal(
    await why('.llm-packer/cas/tokens/counts-o200k_base.log'),
    ".llm-packer/cas/tokens/counts-o200k_base.log: not packed — scope: llm-packer's own folders (store, runs, packs, earlier packs) are never packed",
  );
});

test('a pack written into the root with --out-dir is never packed by the next run (the ledger says where it went)', async (t) => {
  const dir = await tempDir(t);
  const root = join(dir, 'root');
  await writeTree(root, { 'README.md': '# r\n', 'src/a.ts': 'export const a = 1;\n' });
  const first = await runBuilt(['pack', '.', '--out-dir', 'mypack', '--zip', '--json'], { cwd: root });
  assert.equal(first.code, 0, first.stderr);
  const second = await runBuilt(['pack', '.', '--json'], { cwd: root });
  assert.equal(second.code, 0, second.stderr);
  assert.equal(JSON.parse(second.stdout).filesPacked, 2, 'only README.md and src/a.ts');
  const why = await runBuilt(['why', 'mypack/SEAL.json'], { cwd: root });
  assert.match(why.stdout, /earlier packs\) are never packed/);
});
