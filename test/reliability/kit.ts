/**
 * Shared helpers of the reliability tests: the built CLI in a child process with a timeout (and
 * a SIGKILL at a chosen moment), tree snapshots by content hash, and the store's invariants.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openCas } from '../../src/index.js';
import { readRoots } from '../../src/roots/index.js';
import { BIN } from '../helpers/cli.js';

export { BIN };

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall-clock milliseconds from spawn to exit. */
  ms: number;
}

export interface RunOptions {
  cwd: string;
  /** The child is killed and the run fails as a hang after this long (default 120 s). */
  timeoutMs?: number;
  /** SIGKILL the child this many milliseconds after it was started. */
  killAfterMs?: number;
  /** SIGKILL the child `afterMs` after `poll` (asked every 5 ms) first says yes. */
  killWhen?: { poll: () => Promise<boolean>; afterMs: number };
  env?: NodeJS.ProcessEnv;
  uid?: number;
  gid?: number;
  /** Run this script with node instead of the built CLI (argv follows it). */
  script?: string;
  /** Node flags before the script (e.g. `--import tsx`). */
  nodeArgs?: string[];
}

/** Run the built CLI (or `script`) in a child; never waits longer than the timeout. */
export function runChild(argv: readonly string[], options: RunOptions): Promise<Run> {
  const started = performance.now();
  const args = [...(options.nodeArgs ?? []), options.script ?? BIN, ...argv];
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.uid !== undefined ? { uid: options.uid } : {}),
    ...(options.gid !== undefined ? { gid: options.gid } : {}),
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => out.push(c));
  child.stderr.on('data', (c: Buffer) => err.push(c));
  let timedOut = false;
  const timeout = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.timeoutMs ?? 120_000);
  const kill = options.killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
  let exited = false;
  if (options.killWhen) void watchAndKill(options.killWhen, () => exited, () => child.kill('SIGKILL'));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      exited = true;
      clearTimeout(timeout);
      if (kill) clearTimeout(kill);
      const run = {
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        ms: performance.now() - started,
      };
      if (timedOut) reject(new Error(`hung: ${argv.join(' ')} ran past its timeout\n${run.stderr}`));
      else resolve(run);
    });
  });
}

async function watchAndKill(when: NonNullable<RunOptions['killWhen']>, exited: () => boolean, kill: () => void): Promise<void> {
  while (!exited() && !(await when.poll().catch(() => false))) await sleep(5);
  if (exited()) return;
  await sleep(when.afterMs);
  if (!exited()) kill();
}

/** Run the built CLI and expect `code` (default 0). */
export async function cliOk(argv: readonly string[], options: RunOptions, code = 0): Promise<Run> {
  const r = await runChild(argv, options);
  assert.equal(r.code, code, `llm-packer ${argv.join(' ')} → ${r.code ?? r.signal}\n${r.stderr}`);
  return r;
}

/** The lines of stderr that are errors (the pack command also prints the chosen scope there). */
export function errorLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l !== '' && !l.startsWith('scope: '));
}

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Write `files` (path → content) under `root`, creating folders. */
export async function writeFiles(root: string, files: Record<string, string | Uint8Array>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

/**
 * Everything under `dir` as `path → kind:sha256` (folders and links too; a file is the one entry
 * `''`), or undefined when `dir` does not exist. Equal snapshots mean byte-identical trees.
 */
export async function snapshot(dir: string): Promise<Map<string, string> | undefined> {
  let st;
  try {
    st = await lstat(dir);
  } catch {
    return undefined;
  }
  if (!st.isDirectory()) return new Map([['', st.isFile() ? `file:${sha256(await readFile(dir))}` : 'other']]);
  const out = new Map<string, string>();
  async function visit(abs: string, rel: string): Promise<void> {
    const entries = await readdir(abs, { withFileTypes: true });
    for (const e of entries) {
      const childAbs = join(abs, e.name);
      const childRel = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        out.set(childRel, 'dir');
        await visit(childAbs, childRel);
      } else if (e.isFile()) out.set(childRel, `file:${sha256(await readFile(childAbs))}`);
      else out.set(childRel, 'other');
    }
  }
  await visit(dir, '');
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * The store after anything at all happened to it: no object is partial or misnamed (temp files
 * are allowed: a killed writer leaves them), and every root names an object that is present
 * (fsck has rehashed every object to its name). Returns the counts for the test's figures.
 */
export async function checkStore(casRoot: string, runsDir: string, where: string): Promise<{ objects: number; temps: number; roots: number }> {
  const cas = openCas(casRoot);
  const fsck = await cas.fsck();
  assert.deepEqual(fsck.corrupt, [], `${where}: an object does not hash to its name`);
  assert.deepEqual(fsck.misnamed, [], `${where}: a file in the store is neither an object nor a temp file`);
  for (const tmp of fsck.tempFiles) assert.match(tmp, /\.tmp$/, `${where}: temp file ${tmp}`);
  const { all } = await readRoots(runsDir);
  const present = new Set(await cas.list());
  const missing = [...all].filter((h) => !present.has(h)).sort();
  assert.deepEqual(missing, [], `${where}: a root names an object that is not in the store`);
  return { objects: present.size, temps: fsck.tempFiles.length, roots: all.size };
}

/**
 * A lock folder whose holder was killed stops being refreshed and is taken over after 10 s; move
 * every `*.lock` folder in `dirs` into the past instead of waiting for that.
 */
export async function ageLocks(dirs: readonly string[]): Promise<number> {
  const past = new Date(Date.now() - 60_000);
  let aged = 0;
  for (const dir of dirs) {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      continue;
    }
    for (const name of names.filter((n) => n.endsWith('.lock'))) {
      await utimes(join(dir, name), past, past);
      aged++;
    }
  }
  return aged;
}

/** Every file and folder under `dir` (a snapshot to prove that nothing was written). */
export async function listAll(dir: string): Promise<string[]> {
  const names = await readdir(dir, { recursive: true });
  return names.map(String).sort();
}
