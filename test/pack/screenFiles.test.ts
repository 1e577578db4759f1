import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { screenFiles } from '../../src/pack/index.js';
import { BUILTIN_SCOPES, type PackLimits, type Scope } from '../../src/scopes/index.js';
import { isTextContent, type SourceFile } from '../../src/walk/index.js';
import { tempDir } from '../helpers/tmp.js';
import { writeTree } from './packFixtures.js';

function repoScope(limits: Partial<PackLimits> = {}): Scope {
  return { ...BUILTIN_SCOPES.repo, limits: { ...BUILTIN_SCOPES.repo.limits, ...limits } };
}

async function candidates(root: string, files: Record<string, string | Uint8Array>): Promise<SourceFile[]> {
  await writeTree(root, files);
  return Object.entries(files)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([path, content]) => ({ path, rootPath: path, absPath: join(root, path), size: Buffer.byteLength(content) }));
}

const screen = (files: SourceFile[], scope: Scope) =>
  screenFiles({ selection: { files, omitted: [], ignored: [] }, scope, isTextContent, concurrency: 4 });

test('content scopes sniff the files the limits need: NUL or bad UTF-8 at the start is not text', async (t) => {
  const root = await tempDir(t);
  const lateNul = Buffer.concat([Buffer.alloc(9000, 0x61), Buffer.from([0])]);
  const files = await candidates(root, {
    'a.txt': 'hello\n',
    'bin.dat': Buffer.from([1, 2, 0, 3]),
    'latin1.txt': Buffer.from([0x63, 0x61, 0x66, 0xe9]),
    'late-nul.txt': lateNul,
    'empty': '',
    'cut.txt': Buffer.concat([Buffer.alloc(7999, 0x61), Buffer.from('€')]),
  });
  // The totals are over, so every file is sniffed and the numbers are those of the text files.
  const tight = await screen(files, repoScope({ maxTotalBytes: 6 + 8002 + 9001 }));
  assert.deepEqual(tight.files.map((f) => f.path), ['a.txt', 'cut.txt', 'empty', 'late-nul.txt']);
  assert.deepEqual(tight.omitted.map((f) => f.path), ['bin.dat', 'latin1.txt']);
  assert.equal(tight.bytes, 6 + 8002 + 0 + 9001);
  // Within the limits, small files are left for the read stage to judge.
  const loose = await screen(files, repoScope());
  assert.equal(loose.files.length, 6);
  assert.deepEqual(loose.omitted, []);
});

test('a file over the entry limit is sniffed: a binary one is left out, a text one stops the run', async (t) => {
  const root = await tempDir(t);
  const files = await candidates(root, { 'big.bin': Buffer.alloc(100, 0), 'small.txt': 'ok' });
  const out = await screen(files, repoScope({ maxEntryBytes: 50 }));
  assert.deepEqual(out.files.map((f) => f.path), ['small.txt']);
  assert.deepEqual(out.omitted.map((f) => f.path), ['big.bin']);
  await writeTree(root, { 'big.bin': Buffer.alloc(100, 0x61) });
  await assert.rejects(screen(files, repoScope({ maxEntryBytes: 50 })), { message: 'PACK_LIMIT_EXCEEDED:max_entry_bytes (100 > 50)' });
});

test("where the scope omits oversize files, a text file over the entry limit is left out as too large, unscanned", async (t) => {
  const root = await tempDir(t);
  const files = await candidates(root, { 'big.bin': Buffer.alloc(100, 0), 'big.txt': 'a'.repeat(100), 'small.txt': 'ok' });
  const scanned: string[] = [];
  const scan = async (fs: readonly SourceFile[]) => {
    scanned.push(...fs.map((f) => f.path));
    return { findings: [], withheld: new Set<string>() };
  };
  const input = { selection: { files, omitted: [], ignored: [] }, scope: repoScope({ maxEntryBytes: 50, maxTotalBytes: 60 }), isTextContent, concurrency: 4, scan };
  const out = await screenFiles({ ...input, oversize: 'omit' });
  assert.deepEqual(out.files.map((f) => f.path), ['small.txt']);
  assert.deepEqual(out.omitted.map((f) => f.path), ['big.bin'], 'binary wins over too large');
  assert.deepEqual(out.tooLarge.map((f) => [f.path, f.size]), [['big.txt', 100]]);
  assert.deepEqual(scanned, ['small.txt'], 'a too-large file is not scanned');
  assert.equal(out.bytes, 2, 'nor counted for the total limit');
  await assert.rejects(screenFiles({ ...input, oversize: 'refuse' }), { message: 'PACK_LIMIT_EXCEEDED:max_entry_bytes (100 > 50)' });
});

test('each limit stops the run with PACK_LIMIT_EXCEEDED:<which> (<numbers>)', async (t) => {
  const root = await tempDir(t);
  const files = await candidates(root, { 'a.txt': 'aaaa', 'b.txt': 'bbbbbb', 'c.bin': Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]) });
  // Each refusal names the flag (and config key) that raises it.
  const cases: [Partial<PackLimits>, string, string][] = [
    [{ maxEntries: 1 }, 'PACK_LIMIT_EXCEEDED:max_entries (2 > 1)', 'raise with --max-entries N or limits.maxEntries in llm-packer.config.json'],
    [{ maxEntryBytes: 5 }, 'PACK_LIMIT_EXCEEDED:max_entry_bytes (6 > 5)', 'raise with --max-entry-bytes N or limits.maxEntryBytes in llm-packer.config.json'],
    [{ maxTotalBytes: 9 }, 'PACK_LIMIT_EXCEEDED:max_total_bytes (10 > 9)', 'raise with --max-total-bytes N or limits.maxTotalBytes in llm-packer.config.json'],
  ];
  for (const [limits, message, hint] of cases) {
    await assert.rejects(screen(files, repoScope(limits)), (err: Error & { code?: string; hint?: string }) => {
      assert.equal(err.code, 'PACK_LIMIT_EXCEEDED');
      assert.equal(err.message, message);
      assert.ok(err.hint?.endsWith(hint), err.hint);
      return true;
    });
  }
  // The binary file is not counted: it was left out before the limits.
  const ok = await screen(files, repoScope({ maxEntries: 2, maxTotalBytes: 10 }));
  assert.equal(ok.files.length, 2);
});

test('duplicate content is refused only when disallowed', async (t) => {
  const root = await tempDir(t);
  const files = await candidates(root, { 'a.txt': 'same', 'b.txt': 'other', 'c.txt': 'same' });
  assert.equal((await screen(files, repoScope())).files.length, 3);
  await assert.rejects(screen(files, repoScope({ allowDuplicateHashes: false })), (err: Error & { code?: string; hint?: string }) => {
    assert.equal(err.code, 'PACK_LIMIT_EXCEEDED');
    assert.match(err.message, /^PACK_LIMIT_EXCEEDED:duplicate_hashes \(2 files share sha256 [0-9a-f]{12}\)$/);
    assert.equal(err.hint, 'a.txt and c.txt; allowed unless --disallow-duplicate-hashes or limits.allowDuplicateHashes: false');
    return true;
  });
});

test('a selected file that vanished is PACK_P2_MISSING_SOURCE:<path>', async (t) => {
  const root = await tempDir(t);
  const files = await candidates(root, { 'a.txt': 'x' });
  files.push({ path: 'gone.txt', rootPath: 'gone.txt', absPath: join(root, 'gone.txt'), size: 3 });
  await assert.rejects(screen(files, repoScope({ maxEntries: 1 })), { code: 'PACK_P2_MISSING_SOURCE', message: 'PACK_P2_MISSING_SOURCE:gone.txt' });
});

test('extension scopes keep the walk\'s decision and read nothing for it', async (t) => {
  const root = await tempDir(t);
  const files = await candidates(root, { 'a.md': Buffer.from([0, 1]) });
  const scope = { ...BUILTIN_SCOPES.ags };
  const out = await screenFiles({ selection: { files, omitted: [], ignored: [] }, scope, isTextContent, concurrency: 2 });
  assert.deepEqual(out.files.map((f) => f.path), ['a.md']);
});
