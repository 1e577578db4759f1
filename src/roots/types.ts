/** The two root sources in a runs dir (docs/FORMATS.md §5). */
export type RootSourceName = 'RUN_ROOTS' | 'GC_PINS';

/** One roots file as read from disk. */
export interface RootFileState {
  name: RootSourceName;
  /** Absolute path of the file. */
  path: string;
  exists: boolean;
  /** SHA-256 of the file's bytes; null when the file does not exist. */
  contentHash: string | null;
  /** The roots it holds, sorted and unique. */
  hashes: string[];
}

/** What `addRoots`/`removeRoots` return: the file after the change, and what changed. */
export interface RootsChange extends RootFileState {
  /** Hashes actually added (or removed), sorted; empty when the file was left as it was. */
  changed: string[];
}

/** A held lock: check before publishing that the lock was not lost (stale-reclaimed) meanwhile. */
export interface LockHandle {
  readonly path: string;
  /** Throws `ROOTS_LOCKED` when the lock was taken from us (our process stalled past the stale timeout). */
  assertHeld(): void;
}

export interface LockTiming {
  /** A lock whose mtime is older than this is taken over (its holder died). Minimum 2000. */
  staleMs?: number;
}
