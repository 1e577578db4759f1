/**
 * Who holds a lock, told by facts a clock cannot fool: the holder's process id, the boot id of
 * the machine (`/proc/sys/kernel/random/boot_id`, new at every boot) and the process's start
 * time in clock ticks since boot (`/proc/<pid>/stat`, so a reused pid is told apart). A lock
 * whose holder is gone is stale at once; one whose holder runs is never stale, however old.
 */
import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { isErrno, readRegularFile } from '../util/index.js';

export const OWNER_FILE = 'owner.json';

/** How far in the future a lock folder's mtime may be before it is judged left by a clock that went back. */
const FUTURE_SLACK_MS = 2_000;

export interface LockOwner {
  pid: number;
  host: string;
  /** Null where the system has no boot id (not Linux). */
  boot_id: string | null;
  /** Start of the process in ticks since boot; null where unknown. */
  start: string | null;
  /** Unique to one acquisition: a holder checks that the lock is still its own. */
  token: string;
}

async function readText(path: string): Promise<string | null> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch {
    return null;
  }
}

function bootId(): Promise<string | null> {
  return readText('/proc/sys/kernel/random/boot_id');
}

/** Field 22 of /proc/<pid>/stat (after the command name, which may hold spaces and parentheses). */
async function processStart(pid: number): Promise<string | null> {
  const text = await readText(`/proc/${pid}/stat`);
  if (text === null) return null;
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return fields[19] ?? null;
}

export async function currentOwner(): Promise<LockOwner> {
  const [boot, start] = await Promise.all([bootId(), processStart(process.pid)]);
  return { pid: process.pid, host: hostname(), boot_id: boot, start, token: randomBytes(12).toString('hex') };
}

/** The owner file of a lock folder; undefined when there is none (yet) or it is unreadable. */
export async function readOwner(lockPath: string): Promise<LockOwner | undefined> {
  let bytes: Buffer | undefined;
  try {
    bytes = await readRegularFile(join(lockPath, OWNER_FILE));
  } catch (err) {
    if (isErrno(err, 'ENOENT', 'ENOTDIR')) return undefined;
    throw err;
  }
  try {
    const value = JSON.parse(bytes?.toString('utf8') ?? '') as LockOwner;
    return typeof value.pid === 'number' && typeof value.token === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return !isErrno(err, 'ESRCH');
  }
}

export interface LockJudgement {
  /** 'gone': the folder vanished meanwhile (try again); 'stale': take it over; 'live': wait. */
  state: 'gone' | 'stale' | 'live';
  /** Who holds it, in words, for a message that tells the truth. */
  holder: string;
  /** The token of the owner judged (undefined: no owner file). */
  token?: string;
}

/** Is the lock folder at `lockPath` left by a holder that is gone? */
export async function judgeLock(lockPath: string, staleMs: number, now: number): Promise<LockJudgement> {
  const owner = await readOwner(lockPath);
  const me = await currentOwner();
  if (owner !== undefined && owner.host === me.host) {
    const where = `process ${owner.pid} on this machine`;
    const stale = (why: string): LockJudgement => ({ state: 'stale', holder: `${where}, ${why}`, token: owner.token });
    if (owner.boot_id !== null && me.boot_id !== null && owner.boot_id !== me.boot_id) return stale('before the last reboot');
    if (!isAlive(owner.pid)) return stale('which has ended');
    const start = owner.start === null ? null : await processStart(owner.pid);
    if (start !== null && owner.start !== start) return stale('which has ended (its pid was reused)');
    return { state: 'live', holder: `${where}, still running` };
  }
  // No owner file (an older release's lock, or a holder killed before writing it) or another host:
  // only the folder's age can tell; a time in the future means a clock went back, not a live holder.
  let mtime: number;
  try {
    mtime = (await stat(lockPath)).mtimeMs;
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return { state: 'gone', holder: 'nobody' };
    throw err;
  }
  const age = now - mtime;
  const who = owner === undefined ? 'an unknown process' : `process ${owner.pid} on ${owner.host}`;
  const token = owner === undefined ? {} : { token: owner.token };
  if (age > staleMs) return { state: 'stale', holder: `${who}, silent for ${Math.round(age / 1000)} s`, ...token };
  if (age < -FUTURE_SLACK_MS) return { state: 'stale', holder: `${who}, dated in the future (a clock went back)`, ...token };
  return { state: 'live', holder: `${who}, taken ${Math.max(0, Math.round(age / 1000))} s ago` };
}
