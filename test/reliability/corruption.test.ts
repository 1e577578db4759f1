/**
 * Corruption of a stored object (issue 7, item 3): flipped, truncated or emptied, a small object
 * and one above 4 MiB. `cas get`, `consume`, `verify` and `audit --full` each fail with a non-zero
 * exit and name the object; `cas get` prints no byte of it and `consume` writes nothing at all.
 */
import assert from 'node:assert/strict';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { objectPath } from '../../src/cas/index.js';
import { damageObject, type Damage } from '../fixtures/damageObject.js';
import { tempDir } from '../helpers/tmp.js';
import { type Run, errorLines, listAll, runChild, writeFiles } from './kit.js';
import { checkPackTruth, packWithCli, placeIn, readManifest, storeArgs } from './packCheck.js';

const BIG = Buffer.from('a big text line\n'.repeat(300_000)); // 4.8 MB: the streamed paths

function oneError(r: Run, code: number, pattern: RegExp, what: string): void {
  assert.equal(r.code, code, `${what}: exit ${r.code}\n${r.stderr}`);
  const lines = errorLines(r.stderr);
  assert.equal(lines.length, 1, `${what}: one error line, got ${JSON.stringify(lines)}`);
  assert.match(lines[0]!, pattern, what);
}

test('a damaged object is detected and named by cas get, consume, verify and audit --full', async (t) => {
  const dir = await tempDir(t);
  const root = join(dir, 'root');
  await writeFiles(root, { 'a.txt': 'the small victim\n'.repeat(40), 'b.txt': 'an innocent bystander\n', 'big.txt': BIG });
  const place = placeIn(dir);
  const packed = await packWithCli(place, root, ['--max-entry-bytes', String(8 << 20)]);
  assert.equal(packed.code, 0, packed.stderr);
  const entries = await checkPackTruth(place);
  const outputHashes = JSON.parse(await readFile(join(place.out, 'LITE', 'RUN_REFS.json'), 'utf8')).output_hashes_ref;
  const store = storeArgs(place);
  const cases: [string, Damage][] = [['a.txt', 'flip'], ['a.txt', 'zero'], ['big.txt', 'truncate']];
  let detections = 0;

  for (const [path, how] of cases) {
    const hash = entries.find((e) => e.path === path)!.ref.slice('sha256:'.length);
    const file = objectPath(place.casRoot, hash);
    const original = await readFile(file);
    await damageObject(file, how);
    const what = `${path} ${how}`;
    const name = new RegExp(hash);

    // The five readers only read (consume fails before it writes), so they run side by side.
    const before = await listAll(dir);
    const [get, consumed, verified, audit, fsck] = await Promise.all([
      runChild(['cas', 'get', `sha256:${hash}`, ...store], { cwd: dir }),
      runChild(['consume', place.out, '--out', join(dir, 'rebuilt'), ...store], { cwd: dir }),
      runChild(['verify', place.out, ...store], { cwd: dir }),
      runChild(['audit', '--full', '--output-hashes', outputHashes, ...store], { cwd: dir }),
      runChild(['cas', 'fsck', ...store], { cwd: dir }),
    ]);
    oneError(get, 1, new RegExp(`^CAS_CORRUPT_OBJECT: object ${hash} is corrupt`), `cas get, ${what}`);
    assert.equal(get.stdout, '', `cas get printed no byte of the damaged object (${what})`);

    oneError(consumed, 1, new RegExp(`^CAS_CORRUPT_OBJECT: object ${hash} is corrupt`), `consume, ${what}`);
    assert.deepEqual(await listAll(dir), before, `consume wrote nothing (${what})`);

    oneError(verified, 1, /^VERIFY_FAILED: .*: payloads, audit$/, `verify, ${what}`);
    assert.match(verified.stdout, new RegExp(`^FAIL payloads: .*\\n\\s+corrupt ${path.replace('.', '\\.')}: object ${hash}$`, 'm'));

    assert.equal(audit.code, 1, `audit --full, ${what}: ${audit.stderr}`);
    assert.match(audit.stdout, new RegExp(`^corrupt ${hash}$`, 'm'));
    assert.match(audit.stdout, /^audit: FAIL$/m);

    assert.equal(fsck.code, 1);
    assert.match(fsck.stdout, name);
    detections += 5;

    await chmod(file, 0o644);
    await writeFile(file, original);
    await chmod(file, 0o444);
  }
  await checkPackTruth(place);
  t.diagnostic(`${cases.length} damaged objects, ${detections} detections by 5 commands, 0 bytes of damage passed on`);
});
