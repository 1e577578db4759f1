/** Where a remote store lives: `s3://BUCKET/PREFIX`. */
export interface RemoteLocation {
  /** The URL as the user gave it, normalised (`s3://bucket/prefix` without a trailing slash). */
  readonly url: string;
  readonly bucket: string;
  /** Key prefix of every key of this store: `''` or `some/prefix/`. */
  readonly prefix: string;
}

/** How to reach the S3 service. Credentials come from the AWS SDK's own provider chain. */
export interface RemoteConnection {
  /** An S3-compatible endpoint (`AWS_ENDPOINT_URL_S3` / `AWS_ENDPOINT_URL`); path-style when set. */
  endpoint?: string;
  region?: string;
  /** Milliseconds before a request with no answer is abandoned (default 30 000). */
  requestTimeoutMs?: number;
  /** Attempts per request, retries included (default 3). */
  maxAttempts?: number;
}

/** Which team store {@link openRemote} opens, and how to reach the service. */
export interface OpenRemoteOptions extends RemoteConnection {
  /** `s3://BUCKET` or `s3://BUCKET/PREFIX`. */
  url: string;
}

/** A document of the runs area (`RUN_ROOTS.json`, the ledger, a lease) with the version it was read at. */
export interface RemoteDoc {
  text: string;
  /** The service's version tag, unquoted; pass it back to `writeDoc` to write only over this version. */
  etag: string;
  lastModified: Date | undefined;
}

/** A write condition: over exactly the version read, or only where nothing is yet. */
export type WriteCondition = { ifMatch: string } | { ifAbsent: true };

export interface RemoteObjectInfo {
  hash: string;
  size: number;
  lastModified: Date | undefined;
}

/**
 * The remote store, laid out as a local store is: objects under `cas/<h0>/<h1h2>/<hash>`, the runs
 * area under `runs/` (RUN_ROOTS.json, GC_PINS.json, RUNS.json, locks/).
 */
export interface RemoteStore {
  readonly location: RemoteLocation;
  hasObject(hash: string): Promise<boolean>;
  /** Upload object `hash`, from memory or streamed from a file; the caller has checked its digest. */
  putObject(hash: string, body: Buffer | { file: string; size: number }): Promise<void>;
  /** Stream object `hash` into `dest` (a temp file); the caller verifies the digest. */
  getObjectToFile(hash: string, dest: string): Promise<void>;
  listObjects(): Promise<RemoteObjectInfo[]>;
  deleteObject(hash: string): Promise<void>;
  readDoc(name: string): Promise<RemoteDoc | undefined>;
  /** False when the condition did not hold (somebody else wrote first). */
  writeDoc(name: string, text: string, condition: WriteCondition): Promise<boolean>;
  /** Delete a document; with `ifMatch`, only that version (false when it changed). */
  deleteDoc(name: string, ifMatch?: string): Promise<boolean>;
  /** Documents whose name starts with `prefix`, with the service's time of their last write. */
  listDocs(prefix: string): Promise<{ name: string; lastModified: Date | undefined }[]>;
  close(): void;
}
