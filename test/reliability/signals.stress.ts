/**
 * SIGTERM and SIGINT end a command promptly and leave nothing half-written (issue 16): the built
 * CLI is signalled mid-pack and mid-consume on a tree large enough to be caught in the act. It
 * exits by the signal (or with 128 + its number), holds no lock, leaves the store whole, no pack
 * or out folder and no `.tmp` staging folder (the CLI's signal handler removes it before the
 * process ends), and the next run succeeds.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { tempDir } from '../helpers/tmp.js';
import { BIN, checkStore, cliOk, exists, writeFiles } from './kit.js';
import { checkPackTruth, placeIn, storeArgs } from './packCheck.js';

const posixOnly = { skip: process.platform === 'win32' ? 'POSIX signals' : false };
const SIGNAL_NUMBER = { SIGINT: 2, SIGTERM: 15 } as const;

interface Signalled {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Milliseconds from the signal to the exit (reported, not asserted: a hang fails by timeout). */
  exitMs: number;
}

/** Run the CLI, send `sig` once `ready()` says so (plus `delayMs`), wait at most 30 s for the exit. */
async function signalWhen(argv: string[], cwd: string, sig: 'SIGINT' | 'SIGTERM', ready: () => Promise<boolean>, delayMs: number): Promise<Signalled> {
  const child = spawn(process.execPath, [BIN, ...argv], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  let done = false;
  void closed.then(() => (done = true));
  while (!done && !(await ready().catch(() => false))) await sleep(5);
  assert.equal(done, false, 'the run ended before it could be signalled; use a larger tree');
  await sleep(delayMs);
  const sent = performance.now();
  child.kill(sig);
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const result = await closed;
  clearTimeout(timer);
  assert.notEqual(result.signal, 'SIGKILL', `still running 30 s after ${sig}: a hang`);
  return { ...result, exitMs: performance.now() - sent };
}

function assertSignalExit(r: Signalled, sig: 'SIGINT' | 'SIGTERM'): void {
  const conventional = r.signal === sig || r.code === 128 + SIGNAL_NUMBER[sig];
  assert.ok(conventional, `exit by ${sig} or ${128 + SIGNAL_NUMBER[sig]}, got code ${r.code} signal ${r.signal}`);
}

async function lockFolders(dir: string): Promise<string[]> {
  const names = await readdir(dir, { recursive: true });
  return names.map(String).filter((n) => n.endsWith('.lock'));
}

/** Temp folders a run stages beside `<dir>/<name>`: `.OUT.<random>.tmp` (pack), `rebuilt.<random>.tmp` (consume). */
async function stagingFolders(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((n) => (n.startsWith('.OUT.') || n.startsWith('rebuilt.')) && n.endsWith('.tmp'));
}

async function bigTree(root: string, count: number): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const body = 'line of text for the signal test\n'.repeat(300);
  for (let i = 0; i < count; i++) files[`d${i % 40}/f${i}.txt`] = `${i}\n${body}`;
  await writeFiles(root, files);
  return files;
}

for (const sig of ['SIGTERM', 'SIGINT'] as const) {
  test(`${sig} mid-pack: prompt exit, no lock, store whole, no pack; the rerun packs exactly`, posixOnly, async (t) => {
    const dir = await tempDir(t);
    const root = join(dir, 'root');
    const files = await bigTree(root, 3000);
    const place = placeIn(dir);
    const argv = ['pack', root, '--out-dir', place.out, '--quiet', ...storeArgs(place)];
    // Signalled once the staging folder holds copies: the run is storing and writing it.
    const writing = async () => {
      const [staging] = await stagingFolders(dir);
      return staging !== undefined && (await readdir(join(dir, staging, 'repo')).catch(() => [])).length > 20;
    };
    const r = await signalWhen(argv, dir, sig, writing, 50);
    assertSignalExit(r, sig);
    assert.deepEqual(await stagingFolders(dir), [], 'the staging folder was removed before the exit');
    assert.deepEqual(await lockFolders(dir), [], 'no lock left behind');
    assert.equal(await exists(place.out), false, 'no pack published');
    await checkStore(place.casRoot, place.runsDir, `after ${sig}`);
    await cliOk(argv, { cwd: dir, timeoutMs: 120_000 });
    assert.deepEqual(await stagingFolders(dir), []);
    await checkPackTruth(place, files);
    t.diagnostic(`${sig}: exited ${Math.round(r.exitMs)} ms after the signal (${r.signal ?? r.code})`);
  });
}

test('SIGTERM mid-consume: prompt exit, no out folder, the rerun rebuilds', posixOnly, async (t) => {
  const dir = await tempDir(t);
  const root = join(dir, 'root');
  await bigTree(root, 3000);
  const place = placeIn(dir);
  await cliOk(['pack', root, '--out-dir', place.out, '--quiet', ...storeArgs(place)], { cwd: dir, timeoutMs: 120_000 });
  const argv = ['consume', place.out, '--out', 'rebuilt', ...storeArgs(place)];
  const writing = async () => (await readdir(dir)).some((n) => n.startsWith('rebuilt.') && n.endsWith('.tmp'));
  const r = await signalWhen(argv, dir, 'SIGTERM', writing, 20);
  assertSignalExit(r, 'SIGTERM');
  assert.equal(await exists(join(dir, 'rebuilt')), false, 'no out folder');
  assert.deepEqual(await stagingFolders(dir), [], 'the temp folder was removed before the exit');
  assert.deepEqual(await lockFolders(dir), [], 'no lock left behind');
  await cliOk(argv, { cwd: dir, timeoutMs: 120_000 });
  t.diagnostic(`consume: exited ${Math.round(r.exitMs)} ms after SIGTERM (${r.signal ?? r.code})`);
});
