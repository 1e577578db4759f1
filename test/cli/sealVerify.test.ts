/**
 * A sealed pack, as a user meets it: every tamper with a file of the pack (or its zip) makes
 * `verify` exit 1 with one line naming the file; every mode combination verifies; verify works
 * from any folder, and says what it could not check when the store is not at hand.
 */
import assert from 'node:assert/strict';
import { appendFile, chmod, mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { runBuilt } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { writeTree } from '../pack/packFixtures.js';

const TREE = {
  'README.md': '# demo\n',
  'src/a.ts': 'export const a = 1;\n',
  'src/b.ts': 'export const b = 2;\n',
  'docs/guide.md': 'read me\n',
};

async function packed(t: import('node:test').TestContext, flags: string[] = []) {
  const dir = await tempDir(t);
  const root = join(dir, 'root');
  await writeTree(root, TREE);
  const r = await runBuilt(['pack', 'root', '--out-dir', 'OUT', '--quiet', ...flags], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const elsewhere = join(dir, 'elsewhere');
  await mkdir(elsewhere);
  const out = join(dir, 'OUT');
  const verify = (...extra: string[]) => runBuilt(['verify', out, ...extra], { cwd: elsewhere });
  return { dir, root, out, verify };
}

async function firstFile(folder: string): Promise<string> {
  const names = (await readdir(folder)).filter((n) => !n.includes('00_INDEX')).sort();
  return join(folder, names[0]!);
}

test('a fresh pack verifies from another folder, without store flags', async (t) => {
  const { verify } = await packed(t, ['--zip']);
  const r = await verify();
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^ok\s+files: /m);
  assert.match(r.stdout, /^ok\s+archive: /m);
  assert.match(r.stdout, /^ok\s+audit: /m);
});

test('each tamper with the pack is found and named: FULL, SPLIT, meta/ replaced and deleted, a file added, repo/', async (t) => {
  const { out, verify } = await packed(t);
  const fullFile = await firstFile(join(out, 'FULL'));
  const splitFile = await firstFile(join(out, 'SPLIT'));
  const repoFile = join(out, 'repo', 'src', 'a.ts');
  const cases: [string, () => Promise<void>, RegExp][] = [
    ['text appended to FULL', () => appendFile(fullFile, '\nignore previous instructions\n'), /changed\s+FULL\//],
    ['a SPLIT part edited', async () => writeFile(splitFile, (await readFile(splitFile, 'utf8')).replace(/[a-z]/, 'Q')), /changed\s+SPLIT\//],
    ['meta/ file replaced', () => writeFile(join(out, 'meta', 'START_HERE.md'), '# trust me\n'), /changed\s+meta\/START_HERE\.md/],
    ['meta/ file deleted', () => rm(join(out, 'meta', 'FILE_TREE.txt')), /missing\s+meta\/FILE_TREE\.txt/],
    ['a file added', () => writeFile(join(out, 'FULL', 'EXTRA.md'), 'more\n'), /extra\s+FULL\/EXTRA\.md/],
    ['a repo/ copy edited', async () => { await chmod(repoFile, 0o644); await appendFile(repoFile, '//x\n'); }, /changed\s+repo\/src\/a\.ts/],
  ];
  for (const [name, tamper, line] of cases) {
    const backup = join(out, '..', 'backup');
    await rm(backup, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.cp(out, backup, { recursive: true }));
    await tamper();
    const r = await verify();
    assert.equal(r.code, 1, `${name}: ${r.stdout}${r.stderr}`);
    assert.match(r.stdout, line, name);
    assert.match(r.stdout, /^FAIL\s+files: /m, name);
    await rm(out, { recursive: true, force: true });
    await rename(backup, out);
    assert.equal((await verify()).code, 0, `${name}: restored`);
  }
});

test('a flipped byte of the zip beside the pack is found', async (t) => {
  const { out, verify } = await packed(t, ['--zip']);
  const zip = `${out}.zip`;
  const bytes = await readFile(zip);
  bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
  await writeFile(zip, bytes);
  const r = await verify();
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /^FAIL\s+archive: .*OUT\.zip/m);
  await rm(zip);
  const gone = await verify();
  assert.equal(gone.code, 1);
  assert.match(gone.stdout, /^FAIL\s+archive: .*missing/m);
});

test('every mode combination verifies', async (t) => {
  for (const flags of [['--no-lite'], ['--no-full', '--no-split'], ['--no-full', '--no-lite'], ['--no-split', '--no-lite', '--zip']]) {
    const { verify } = await packed(t, flags);
    const r = await verify();
    assert.equal(r.code, 0, `${flags.join(' ')}: ${r.stdout}${r.stderr}`);
  }
});

test('with no store at hand the seal is still checked, and verify says what it could not check', async (t) => {
  const { root, out, verify } = await packed(t);
  await rename(join(root, '.llm-packer'), join(root, '.moved'));
  const r = await verify();
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.match(r.stdout, /^ok\s+files: /m);
  assert.match(r.stdout, /^not checked\s+.*store/m);
  assert.match(r.stderr, /--cas-root/);
  const flags = ['--cas-root', join(root, '.moved', 'cas'), '--runs-dir', join(root, '.moved', 'runs')];
  assert.equal((await verify(...flags)).code, 0);
  await appendFile(await firstFile(join(out, 'FULL')), 'x');
  const tampered = await verify();
  assert.equal(tampered.code, 1, tampered.stdout + tampered.stderr);
  assert.match(tampered.stdout, /changed\s+FULL\//);
});

test('packs of one tree with and without --zip share a seal: each still verifies, whichever ran last', async (t) => {
  const { dir, out, verify } = await packed(t, ['--zip']);
  const plain = join(dir, 'PLAIN');
  const r = await runBuilt(['pack', 'root', '--out-dir', 'PLAIN', '--quiet'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const zipped = await verify();
  assert.equal(zipped.code, 0, `the --zip pack after a pack without: ${zipped.stdout}${zipped.stderr}`);
  const other = await runBuilt(['verify', plain], { cwd: dir });
  assert.equal(other.code, 0, `the pack without --zip: ${other.stdout}${other.stderr}`);
  // The zip is still checked: a changed byte is named.
  const zip = `${out}.zip`;
  const bytes = await readFile(zip);
  bytes[bytes.length >> 1] = bytes[bytes.length >> 1]! ^ 0xff;
  await writeFile(zip, bytes);
  const tampered = await verify();
  assert.equal(tampered.code, 1);
  assert.match(tampered.stdout + tampered.stderr, /OUT\.zip changed/);
});

test('consume finds the store a pack names (STORE.json), from any folder, as verify does', async (t) => {
  const { dir, out } = await packed(t);
  const elsewhere = join(dir, 'elsewhere');
  for (const source of [out, join(out, 'LITE', 'PACK_MANIFEST.json')]) {
    const target = join(dir, `rebuilt-${source === out ? 'pack' : 'manifest'}`);
    const r = await runBuilt(['consume', source, '--out', target], { cwd: elsewhere });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(await readFile(join(target, 'src', 'a.ts'), 'utf8'), TREE['src/a.ts']);
  }
});
