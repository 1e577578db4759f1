import type { Cas } from '../cas/index.js';
import type { PackSummary, RunPackOptions } from '../pack/index.js';
import type { RemoteStore } from '../remote/index.js';
import type { VerifyOptions, VerifyReport } from '../verify/index.js';

/** What the server may touch, fixed when it starts; every path is absolute. */
export interface McpServerOptions {
  /** The root the store locations belong to; relative `pack` paths are relative to it. */
  root: string;
  casRoot: string;
  runsDir: string;
  /** Where `pack` writes its packs. */
  packsDir: string;
  /** Folders `pack` may pack (and their packs be read); empty: only `root`. */
  allowRoots?: readonly string[];
  /** Bytes of text one answer carries at most before it is cut with a note (default 100 000). */
  maxAnswerBytes?: number;
  /** Matches `grep` returns at most (default 200). */
  maxGrepMatches?: number;
  /** Milliseconds `grep` may search before it returns what it found so far (default 10 000). */
  grepBudgetMs?: number;
  /** Files larger than this are not searched by `grep` (default 16 MiB). */
  maxGrepFileBytes?: number;
  /** The version the server reports to clients. */
  version?: string;
  /**
   * The team store objects missing locally are fetched from (verified) before they are read; the
   * caller opens it (once, when first needed) and closes it after the server.
   */
  remote?: () => Promise<RemoteStore>;
}

/** The options with every default filled in. */
export interface McpSettings extends Required<Omit<McpServerOptions, 'version' | 'remote'>> {
  /** Folders whose packs `read_part` and `verify` may open: the root, the allowed roots, the packs dir. */
  readableDirs: readonly string[];
}

/** Everything the tools call outside this domain; tests override single entries. */
export interface McpDeps {
  runPack: (options: RunPackOptions) => Promise<PackSummary>;
  verifyPack: (options: VerifyOptions) => Promise<VerifyReport>;
  openCas: (root: string) => Cas;
  /** Monotonic milliseconds, for grep's time budget. */
  now: () => number;
}

/** What every tool handler gets: the settings, the deps and the one store it reads. */
export interface McpContext {
  settings: McpSettings;
  deps: McpDeps;
  cas: Cas;
  /** Fetch what the local store lacks of these objects from the team store (no-op without one). */
  fetchMissing: (hashes: readonly string[]) => Promise<void>;
}
