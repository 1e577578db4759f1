import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { openCas } from '../../src/cas/index.js';
import { startLineChild } from '../fixtures/childProcess.js';
import { transpileForChild } from '../fixtures/transpileForChild.js';
import { tempDir } from '../helpers/tmp.js';

/** Two lanes run side by side, each with its own store; together they reach KILLS. */
const KILLS = 50;
const LANES = 2;

interface LaneStats {
  kills: number;
  puts: number;
  withTemp: number;
}

/** Start a writer, SIGKILL it at a random moment, then check the store. Repeat. */
async function runLane(script: string, dir: string, kills: number): Promise<LaneStats> {
  const root = join(dir, 'store');
  const scratch = join(dir, 'scratch');
  await mkdir(scratch, { recursive: true });
  const cas = openCas(root);
  const stats: LaneStats = { kills: 0, puts: 0, withTemp: 0 };
  let tempsBefore = 0;
  while (stats.kills < kills) {
    const child = startLineChild(script, ['loop', root, scratch]);
    await child.waitForLine((l) => l === 'ready');
    await sleep(Math.random() * 150);
    child.proc.kill('SIGKILL');
    const exit = await child.exited;
    assert.equal(exit.signal, 'SIGKILL', `the writer stopped on its own (${exit.code}): ${child.stderr()}`);
    stats.kills++;

    const report = await cas.fsck();
    assert.deepEqual(report.corrupt, [], `after kill ${stats.kills}: a visible object does not match its name`);
    assert.deepEqual(report.misnamed, [], `after kill ${stats.kills}: a file that is neither an object nor a temp file`);
    for (const tmp of report.tempFiles) assert.match(tmp, /^[0-9a-f]\/[0-9a-f]{2}\/[0-9a-f]{64}\.[0-9a-f]+\.tmp$/);
    if (report.tempFiles.length > tempsBefore) stats.withTemp++;
    tempsBefore = report.tempFiles.length;
    // Every put the writer reported as done survived its death.
    for (const line of child.lines.filter((l) => l.startsWith('put '))) {
      assert.equal(await cas.has(line.slice(4)), true, `reported ${line} but the object is gone`);
      stats.puts++;
    }
    // Keep later fscks cheap: drop the large objects once they have been checked.
    for (const hash of await cas.list()) if (((await cas.stat(hash))?.size ?? 0) > 1 << 20) await cas.delete(hash);
  }
  return stats;
}

test(`a writer killed with SIGKILL at random moments (${KILLS} times) never leaves a bad object`, async (t) => {
  const dir = await tempDir(t);
  const script = await transpileForChild(join(dir, 'lib'), ['src/util', 'src/cas'], 'test/fixtures/casChild.ts');
  const lanes = await Promise.all(
    Array.from({ length: LANES }, (_, i) => runLane(script, join(dir, `lane-${i}`), KILLS / LANES)),
  );
  const total = lanes.reduce((a, s) => ({ kills: a.kills + s.kills, puts: a.puts + s.puts, withTemp: a.withTemp + s.withTemp }));
  t.diagnostic(`${total.kills} kills, ${total.puts} completed puts checked, ${total.withTemp} kills left a new .tmp behind`);
  assert.ok(total.kills >= 50);
  assert.ok(total.puts > total.kills, 'the writers got real work done between kills');
});
