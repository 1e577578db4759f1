import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../helpers/tmp.js';
import { leftovers, readTree, writeTree } from '../pack/packFixtures.js';
import { AGS_FILES, runBuiltWithUmask } from './packCli.js';

test('limits, bad flags and unknown scopes fail with their code and leave the old pack alone', async (t) => {
  const dir = await tempDir(t);
  await writeTree(join(dir, 'root'), AGS_FILES);
  const first = await runBuiltWithUmask(['pack', 'root', '--out-dir', 'OUT', '--quiet'], { cwd: dir });
  assert.equal(first.code, 0, first.stderr);
  const before = await readTree(join(dir, 'OUT'));
  await writeTree(join(dir, 'root'), { 'LAW/new.md': 'a new file\n' });

  const cases: [string[], number, RegExp][] = [
    // A limit refusal names the flag that raises it.
    [['--max-total-bytes', '100'], 1, /^PACK_LIMIT_EXCEEDED:max_total_bytes \(\d+ > 100\) \(raise with --max-total-bytes N or limits\.maxTotalBytes in llm-packer\.config\.json\)$/m],
    [['--max-entries', '3'], 1, /^PACK_LIMIT_EXCEEDED:max_entries \(11 > 3\) \(raise with --max-entries N or limits\.maxEntries in llm-packer\.config\.json\)$/m],
    [['--max-entry-bytes', '20'], 1, /^PACK_LIMIT_EXCEEDED:max_entry_bytes \(\d+ > 20\) \(file [^;]+; raise with --max-entry-bytes N or limits\.maxEntryBytes in llm-packer\.config\.json\)$/m],
    [['--max-entries', 'many'], 2, /^USAGE: --max-entries "many": expected a whole number/m],
    [['--scope', 'nope'], 2, /^PACK_SCOPE_UNKNOWN: unknown scope "nope"/m],
    [['--stamp', '../../x'], 2, /^USAGE: --stamp/m],
  ];
  for (const [flags, code, stderr] of cases) {
    const r = await runBuiltWithUmask(['pack', 'root', '--out-dir', 'OUT', ...flags], { cwd: dir });
    assert.equal(r.code, code, `${flags.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, stderr);
    assert.equal(r.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('scope: ')).length, 1, 'one line');
    assert.equal(r.stdout, '');
  }
  assert.deepEqual(await readTree(join(dir, 'OUT')), before);
  assert.deepEqual(await leftovers(dir), []);
});

test('duplicate content is refused only with --disallow-duplicate-hashes', async (t) => {
  const dir = await tempDir(t);
  await writeTree(join(dir, 'root'), { 'LAW/a.md': 'same\n', 'LAW/b.md': 'same\n' });
  const ok = await runBuiltWithUmask(['pack', 'root', '--out-dir', 'OUT', '--quiet'], { cwd: dir });
  assert.equal(ok.code, 0, ok.stderr);
  const r = await runBuiltWithUmask(['pack', 'root', '--out-dir', 'OUT2', '--disallow-duplicate-hashes'], { cwd: dir });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^PACK_LIMIT_EXCEEDED:duplicate_hashes \(2 files share sha256 [0-9a-f]{12}\) \(LAW\/a\.md and LAW\/b\.md; allowed unless --disallow-duplicate-hashes or limits\.allowDuplicateHashes: false\)$/m);
  assert.deepEqual(await leftovers(dir), []);
});
