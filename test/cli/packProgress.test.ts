import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { main } from '../../src/cli/main.js';
import { tempDir } from '../helpers/tmp.js';
import { writeTree } from '../pack/packFixtures.js';

function capture(isTTY: boolean) {
  const chunks: string[] = [];
  return { stream: { write: (c: string | Uint8Array) => chunks.push(Buffer.from(c).toString('utf8')), isTTY, columns: 100 }, text: () => chunks.join('') };
}

async function pack(dir: string, argv: string[], tty: boolean) {
  const out = capture(false);
  const err = capture(tty);
  const code = await main(['pack', 'root', '--out-dir', `OUT-${argv.join('')}-${tty}`, ...argv], { cwd: dir, stdout: out.stream, stderr: err.stream });
  return { code, stdout: out.text(), stderr: err.text() };
}

test('a terminal gets a progress bar on stderr; --json keeps stdout pure; --quiet prints nothing; pipes get no bar', async (t) => {
  const dir = await tempDir(t);
  const files: Record<string, string> = {};
  for (let i = 0; i < 30; i++) files[`root/src/f${i}.txt`] = `file ${i}\n`;
  await writeTree(dir, files);

  const tty = await pack(dir, ['--json'], true);
  assert.equal(tty.code, 0, tty.stderr);
  assert.doesNotMatch(tty.stderr, /^scope:/m, 'with --json the scope line is left out (a failure is then one error line)');
  assert.match(tty.stderr, /packing \[/);
  assert.match(tty.stderr, /\d+\/30 files/);
  assert.equal(JSON.parse(tty.stdout).filesPacked, 30);

  const quiet = await pack(dir, ['--quiet'], true);
  assert.equal(quiet.code, 0);
  assert.deepEqual([quiet.stdout, quiet.stderr], ['', ''], '--quiet prints nothing on success');

  const piped = await pack(dir, [], false);
  assert.equal(piped.stderr, 'scope: repo (Repository)\n');
});
