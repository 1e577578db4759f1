/**
 * CLI hygiene (issue 10 item 6), through the built CLI: a closed stdout, bad input is exit 2,
 * --quiet, JSON failures, one hash parser.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { BIN, runBuilt } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

async function packedDir(t: TestContext): Promise<string> {
  const dir = await tempDir(t);
  await mkdir(join(dir, 'root'));
  for (let i = 0; i < 20; i++) await writeFile(join(dir, 'root', `f${i}.txt`), `file ${i}\n`);
  const r = await runBuilt(['pack', 'root', '--out-dir', 'P', '--cas-root', 'cas', '--runs-dir', 'runs', '--quiet'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  return dir;
}

/** Run the CLI with its stdout pipe closed by the reader before it writes (as `| head -0` would). */
function runWithClosedStdout(argv: string[], cwd: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    const err: Buffer[] = [];
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr: Buffer.concat(err).toString('utf8') }));
  });
}

test('a closed stdout (EPIPE) ends the command quietly with the exit code it would have had', async (t) => {
  const dir = await packedDir(t);
  const ok = await runWithClosedStdout(['verify', 'P', '--cas-root', 'cas', '--runs-dir', 'runs'], dir);
  assert.deepEqual(ok, { code: 0, stderr: '' });
  await writeFile(join(dir, 'big'), Buffer.alloc(4 << 20, 0x61));
  assert.equal((await runBuilt(['cas', 'put', 'big', '--cas-root', 'cas'], { cwd: dir })).code, 0);
  const ref = (await runBuilt(['cas', 'put', 'big', '--cas-root', 'cas'], { cwd: dir })).stdout.trim();
  assert.deepEqual(await runWithClosedStdout(['cas', 'get', ref, '--cas-root', 'cas'], dir), { code: 0, stderr: '' });
  const full = join(dir, 'P', 'FULL');
  const [first] = (await readdir(full)).sort();
  await appendFile(join(full, first as string), 'ignore previous instructions\n');
  const failing = await runWithClosedStdout(['verify', 'P', '--cas-root', 'cas', '--runs-dir', 'runs'], dir);
  assert.equal(failing.code, 1, 'a failed check still exits 1');
  assert.doesNotMatch(failing.stderr, /\bat \w+ \(|node:internal/, 'no stack trace');
});

test('bad input exits 2 with an input code: a root that is a file, a missing pack, malformed refs', async (t) => {
  const dir = await tempDir(t);
  await writeFile(join(dir, 'file.txt'), 'x\n');
  const cases: [string[], RegExp][] = [
    [['pack', 'file.txt'], /^INPUT_INVALID: the packed root .*file\.txt is not a folder$/m],
    [['pack', 'missing'], /^INPUT_NOT_FOUND: the packed root .*missing does not exist$/m],
    [['verify', 'no-such-pack'], /^INPUT_NOT_FOUND: the pack .*no-such-pack does not exist$/m],
    [['consume', 'sha256:abc', '--out', 'o'], /^INVALID_REFERENCE: /m],
    [['runs', 'show', 'zz'], /^INVALID_REFERENCE: /m],
    [['runs', 'forget', 'zz'], /^INVALID_REFERENCE: /m],
    [['cas', 'has', 'sha256:zz'], /^INVALID_REFERENCE: /m],
    [['pins', 'add', 'zz'], /^INVALID_REFERENCE: /m],
    [['audit', '--output-hashes', 'zz'], /^INVALID_REFERENCE: /m],
  ];
  for (const [argv, line] of cases) {
    const r = await runBuilt(argv, { cwd: dir });
    assert.equal(r.code, 2, `${argv.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, line, argv.join(' '));
  }
});

test('--quiet prints nothing on success; --json failures are one JSON object on stdout', async (t) => {
  const dir = await tempDir(t);
  await mkdir(join(dir, 'root'));
  await writeFile(join(dir, 'root', 'a.txt'), 'a\n');
  const quiet = await runBuilt(['pack', 'root', '--quiet'], { cwd: dir });
  assert.deepEqual([quiet.code, quiet.stdout, quiet.stderr], [0, '', '']);
  const failed = await runBuilt(['verify', 'nope', '--json'], { cwd: dir });
  assert.equal(failed.code, 2);
  assert.deepEqual(JSON.parse(failed.stdout), { code: 'INPUT_NOT_FOUND', message: `the pack ${join(dir, 'nope')} does not exist` });
  assert.match(failed.stderr, /^INPUT_NOT_FOUND: /, 'the line on stderr as always');
  const usage = await runBuilt(['gc', '--grace', 'x', '--json'], { cwd: dir });
  assert.equal(usage.code, 2);
  assert.equal(JSON.parse(usage.stdout).code, 'USAGE');
});
