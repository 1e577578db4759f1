import type { Dirent, Stats } from 'node:fs';
import { lstat, readFile, readdir, realpath, stat } from 'node:fs/promises';

/** The file-system calls the walk makes; tests inject a shuffled `readdir` to prove order does not matter. */
export interface WalkDeps {
  readdir(dir: string): Promise<Dirent[]>;
  stat(path: string): Promise<Stats>;
  lstat(path: string): Promise<Stats>;
  realpath(path: string): Promise<string>;
  readText(path: string): Promise<string>;
}

export const defaultWalkDeps: WalkDeps = {
  readdir: (dir) => readdir(dir, { withFileTypes: true }),
  stat: (path) => stat(path),
  lstat: (path) => lstat(path),
  realpath: (path) => realpath(path),
  readText: (path) => readFile(path, 'utf8'),
};

/** Folders read at once, and stats in flight at once (libuv has four threads; more only queues). */
export const DIR_CONCURRENCY = 16;
export const STAT_CONCURRENCY = 32;
