import type { Dirent, Stats } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { readRegularFile } from '../util/index.js';

/** The file-system calls the walk makes; tests inject a shuffled `readdir` to prove order does not matter. */
export interface WalkDeps {
  readdir(dir: string): Promise<Dirent[]>;
  stat(path: string): Promise<Stats>;
  lstat(path: string): Promise<Stats>;
  realpath(path: string): Promise<string>;
  /** The text of a regular file; undefined for anything else (a FIFO would block the read). */
  readText(path: string): Promise<string | undefined>;
}

export const defaultWalkDeps: WalkDeps = {
  readdir: (dir) => readdir(dir, { withFileTypes: true }),
  stat: (path) => stat(path),
  lstat: (path) => lstat(path),
  realpath: (path) => realpath(path),
  readText: async (path) => (await readRegularFile(path))?.toString('utf8'),
};

/** Folders read at once, and stats in flight at once (libuv has four threads; more only queues). */
export const DIR_CONCURRENCY = 16;
export const STAT_CONCURRENCY = 32;
