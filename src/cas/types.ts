/** What a put into the store returns: the object's name and whether it was written. */
export interface PutResult {
  /** 64 lowercase hex characters. */
  hash: string;
  size: number;
  /** False when the object was already in the store (only its mtime was refreshed). */
  written: boolean;
  /** Present when a stored object of that name held wrong bytes and was replaced. */
  repaired?: true;
}

/** A stored object's size and modification time. */
export interface ObjectInfo {
  hash: string;
  size: number;
  /** Last written or refreshed (a put of the same bytes refreshes it); GC's grace counts from it. */
  mtimeMs: number;
}

/** What `cas.fsck()` found after rehashing every object (`llm-packer cas fsck`). */
export interface FsckReport {
  /** Objects rehashed. */
  checked: number;
  corrupt: { hash: string; actual: string; size: number }[];
  /** Objects with no bytes that are not the empty object (also listed in `corrupt`). */
  zeroLength: string[];
  /** Files that are neither objects in their right folder nor temp files (relative paths). */
  misnamed: string[];
  /** Leftover `.tmp` files (relative paths): harmless, but a sign of an interrupted write. */
  tempFiles: string[];
  ok: boolean;
}

/** A store bound to its root folder (STYLE guideline 12: no module state). */
export interface Cas {
  readonly root: string;
  putBytes(data: Uint8Array): Promise<PutResult>;
  /** Stream a file in; memory does not grow with its size. */
  putFile(path: string): Promise<PutResult>;
  /** Stream bytes of unknown length in (standard input); memory stays flat past a few MiB. */
  putStream(source: AsyncIterable<Uint8Array>): Promise<PutResult>;
  /** With a sync batch: make every object put so far durable. Without one, puts already are. */
  sync(): Promise<void>;
  /** The object's bytes, verified against its name. */
  get(hash: string): Promise<Buffer>;
  has(hash: string): Promise<boolean>;
  stat(hash: string): Promise<ObjectInfo | undefined>;
  /** Stream the object to `dest` durably; `dest` appears only if the bytes matched. */
  copyTo(hash: string, dest: string): Promise<number>;
  /** Every object name, sorted. */
  list(): Promise<string[]>;
  /** Remove an object (GC only); a missing object is not an error. Returns whether it existed. */
  delete(hash: string): Promise<boolean>;
  fsck(options?: { concurrency?: number }): Promise<FsckReport>;
  path(hash: string): string;
}
