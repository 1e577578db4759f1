import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { openCas } from '../../src/cas/index.js';
import { startLineChild, type LineChild } from '../fixtures/childProcess.js';
import { transpileForChild } from '../fixtures/transpileForChild.js';
import { tempDir } from '../helpers/tmp.js';

const WRITERS = 8;
const ROUNDS = 4;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

interface Reply {
  round: number;
  error?: string;
  big?: { hash: string; size: number; written: boolean };
  small?: { hash: string; size: number; written: boolean };
}

test(`${WRITERS} processes putting the same content at once all succeed and leave one good object`, async (t) => {
  const dir = await tempDir(t);
  const script = await transpileForChild(join(dir, 'lib'), ['src/util', 'src/cas'], 'test/fixtures/casChild.ts');
  const big = randomBytes((6 << 20) + 333); // above 4 MiB: putFile's streamed path
  const small = randomBytes(64 << 10);
  await writeFile(join(dir, 'big.bin'), big);
  await writeFile(join(dir, 'small.bin'), small);

  const children: LineChild[] = Array.from({ length: WRITERS }, () => startLineChild(script, ['serve']));
  t.after(() => children.forEach((c) => c.proc.kill('SIGKILL')));
  await Promise.all(children.map((c) => c.waitForLine((l) => l === 'ready')));

  for (let round = 0; round < ROUNDS; round++) {
    const root = join(dir, `store-${round}`);
    const command = `${JSON.stringify({ round, root, file: join(dir, 'big.bin'), bytesFile: join(dir, 'small.bin') })}\n`;
    for (const c of children) c.proc.stdin.write(command); // all start together
    const replies = await Promise.all(
      children.map(async (c) => JSON.parse(await c.waitForLine((l) => l.startsWith(`{"round":${round},`))) as Reply),
    );
    for (const r of replies) {
      assert.equal(r.error, undefined, `round ${round}: a writer failed with ${r.error}`);
      assert.deepEqual({ ...r.big, written: true }, { hash: sha(big), size: big.length, written: true });
      assert.deepEqual({ ...r.small, written: true }, { hash: sha(small), size: small.length, written: true });
    }
    assert.ok(replies.some((r) => r.big?.written) && replies.some((r) => r.small?.written), 'someone wrote each object');
    t.diagnostic(`round ${round}: ${replies.filter((r) => r.big?.written).length} wrote the big object, ${replies.filter((r) => r.small?.written).length} the small one`);

    const cas = openCas(root);
    assert.deepEqual(await cas.list(), [sha(big), sha(small)].sort());
    assert.deepEqual(await cas.fsck(), { checked: 2, corrupt: [], zeroLength: [], misnamed: [], tempFiles: [], ok: true });
    assert.deepEqual(await readFile(cas.path(sha(big))), big);
    assert.deepEqual(await cas.get(sha(small)), small);
  }
  for (const c of children) c.proc.stdin.end();
  const exits = await Promise.all(children.map((c) => c.exited));
  assert.deepEqual(exits, Array.from({ length: WRITERS }, () => ({ code: 0, signal: null })));
});
