import { lstatSync, readdirSync, statSync, type Dirent, type Stats } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { readRegularFile } from '../util/index.js';
import { listGitFiles } from './listGitFiles.js';

/** The file-system calls the walk makes; tests inject a shuffled `readdir` to prove order does not matter. */
export interface WalkDeps {
  readdir(dir: string): Promise<Dirent[]>;
  stat(path: string): Promise<Stats>;
  lstat(path: string): Promise<Stats>;
  realpath(path: string): Promise<string>;
  /** The text of a regular file; undefined for anything else (a FIFO would block the read). */
  readText(path: string): Promise<string | undefined>;
  /** What git would add below `root`, or undefined outside a git work tree (then the walk runs). */
  gitFiles(root: string): Promise<string[] | undefined>;
}

// readdir and stat run synchronously inside the async signature: a walk makes one call per file,
// and on a cached tree the thread-pool round trip of the promise API costs several times the
// syscall itself (node_modules, 7,280 files: stat was the walk's largest cost). Errors still
// arrive as rejections, so callers are unchanged.
export const defaultWalkDeps: WalkDeps = {
  readdir: async (dir) => readdirSync(dir, { withFileTypes: true }),
  stat: async (path) => statSync(path),
  lstat: async (path) => lstatSync(path),
  realpath: (path) => realpath(path),
  readText: async (path) => (await readRegularFile(path))?.toString('utf8'),
  gitFiles: (root) => listGitFiles(root),
};

/** Folders read at once, and stats in flight at once (libuv has four threads; more only queues). */
export const DIR_CONCURRENCY = 16;
export const STAT_CONCURRENCY = 32;
