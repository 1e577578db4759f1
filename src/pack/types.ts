import type { Cas, OpenCasOptions } from '../cas/index.js';
import type { PackerConfig, StoreLocationOptions, StoreLocations } from '../config/index.js';
import type { PackMode } from '../packdir/index.js';
import type { PackRunRecord, RecordPackRunInput } from '../runRecord/index.js';
import type { PackLimits, ResolveScopeOptions, Scope } from '../scopes/index.js';
import type { OutputStyle } from '../bundle/index.js';
import type { TokenEncoding } from '../tokens/index.js';
import type { GitContext, GitContextOptions, RepoState, Selection } from '../walk/index.js';
import type { OmitReason, SelectRules, SelectionFlags } from '../select/index.js';
import type { SecretFinding } from '../secrets/index.js';

/** What {@link runPack} packs and how. Every path is absolute; every field but `root` is optional. */
export interface RunPackOptions {
  /** The folder to pack (absolute). The store, runs dir and packs dir default to folders under it. */
  root: string;
  /** Scope name; absent: `ags` when the root has AGS buckets, else `repo`. */
  scope?: string;
  /** Default: `<packsDir>/llm-pack-<scope>-<digest12>`. */
  outDir?: string;
  /** Output modes; each is on unless set to false. */
  modes?: { full?: boolean; split?: boolean; lite?: boolean };
  /** Also write `<out dir>.zip`: every file of the pack in one deflated, deterministic zip. */
  zip?: boolean;
  /** Name stamp of the FULL files; default: the first 12 hex characters of the pack digest. */
  stamp?: string;
  /** The content-addressed store (absolute); default: `<root>/.llm-packer/cas` (the AGS layout's for an AGS root). */
  casRoot?: string;
  /** The runs dir: roots, pins and the run ledger (absolute); default: `<root>/.llm-packer/runs`. */
  runsDir?: string;
  /** Where packs are published (absolute); default: `<root>/.llm-packer/packs`. */
  packsDir?: string;
  /** The config file to use (absolute); default: `<root>/llm-packer.config.json` when it exists. */
  configFile?: string;
  /** Limits that win over the scope's and the config's. */
  limits?: Partial<PackLimits>;
  /** Write a pack even when the scope selects no file (default: `PACK_EMPTY`). */
  allowEmpty?: boolean;
  /**
   * Pack paths that only some systems refuse (Windows names, case and normalisation twins) as
   * they are, listing each in `warnings`, instead of `PACK_UNPORTABLE_PATH` (default: the
   * config's `allowUnportablePaths`, else false). Nothing is renamed.
   */
  allowUnportablePaths?: boolean;
  /** Files read at once (default 8). */
  concurrency?: number;
  /** Style of FULL and SPLIT (default: the config's, else markdown). */
  style?: OutputStyle;
  /** Tokenizer encoding of every count (default: the config's, else o200k_base). */
  encoding?: TokenEncoding;
  /** SPLIT in numbered parts of at most this many tokens each, instead of sections. */
  splitTokens?: number;
  /** Refuse to publish a pack whose FULL would hold more tokens than this. */
  tokenBudget?: number;
  /** Add the working tree's diff against HEAD to FULL (and meta/GIT_DIFF.patch). */
  includeDiff?: boolean;
  /** Add the last N commits to FULL (and meta/GIT_LOG.json). */
  includeLog?: number;
  /** Worker threads that count tokens (default: one per core, at most 4; 0 counts on this thread). */
  tokenWorkers?: number;
  /** The user's selection: include/ignore patterns, default ignores, a path list, the secret scan. */
  select?: SelectionFlags;
  /** Called as the run moves through its stages (for a progress bar); never required. */
  onProgress?: (event: PackProgress) => void;
  /**
   * Aborted when the process is told to stop (the CLI aborts it on SIGINT and SIGTERM): the
   * staging folder is removed at once, synchronously, so a process that then exits leaves no
   * half-built pack. A run already published is not undone.
   */
  signal?: AbortSignal;
}

export type PackStage = 'scope' | 'collect' | 'screen' | 'read' | 'render' | 'zip' | 'record' | 'seal' | 'publish';

/** The stages timed: the progress stages, and the secret scan (its time is also in `screen`). */
export type TimedStage = PackStage | 'secrets';

/** One progress event of {@link runPack}: the stage it entered, with counts where it has them. */
export type PackProgress =
  | { stage: 'scope'; scope: { key: string; title: string } }
  | { stage: 'collect'; files: number }
  | { stage: 'screen'; files: number; omitted: number; bytes: number }
  | { stage: 'read'; filesDone: number; filesTotal: number; bytesDone: number; bytesTotal: number }
  | { stage: 'render' | 'zip' | 'record' | 'seal' | 'publish' }
  /** The pack waits for a garbage collection to finish before it stores anything (`holder` says who). */
  | { stage: 'wait'; holder: string };

/** The token counts a pack reports. */
export interface PackTokens {
  encoding: TokenEncoding;
  /** The exact count of the FULL file as written: what the model reads (also without FULL on). */
  total: number;
  /** The files whose blocks take the most tokens (at most 5), most first. */
  largest: { path: string; tokens: number }[];
  /** Each SPLIT file (pack path) with its exact count, in order. */
  split: { file: string; tokens: number }[];
  /** Unit counts the store's token cache answered, and those counted in this run. */
  cache: { hits: number; misses: number };
  /**
   * Texts whose count is an estimate (a quarter of their UTF-8 bytes) because they hold a run of
   * 2 048 characters the tokenizer would take minutes on (a long line of one character, NUL
   * bytes); 0 when every count, and so `total`, is exact.
   */
  estimated: number;
}

/** What `runPack` reports; printed by the CLI (JSON with `--json`). */
export interface PackSummary {
  scope: { key: string; title: string };
  outDir: string;
  /** The external archive `<out dir>.zip`, with `zip`. */
  archive?: string;
  modes: PackMode[];
  filesPacked: number;
  filesOmitted: number;
  bytes: number;
  /** Exact token counts (see PackTokens). */
  tokens: PackTokens;
  /** The published FULL file (absolute), when FULL is on. */
  fullFile?: string;
  digest: string;
  stamp: string;
  refs: { manifestRef: string; taskSpecRef: string; outputHashesRef: string; statusRef: string; verdict: 'PASS' };
  /** Anchors of the scope that matched no packed file (never an error). */
  missingAnchors: string[];
  /** Entries of meta/OMITTED.json by reason (a folder the walk did not enter counts once). */
  leftOut: Partial<Record<OmitReason, number>>;
  /** Every secret finding (withheld or only listed), as in meta/SECRETS.json. */
  secrets: SecretFinding[];
  /** One line per thing worth a warning: each unportable path packed with `allowUnportablePaths`. */
  warnings: string[];
  /** Milliseconds per stage, and in total. */
  timingsMs: Record<TimedStage | 'total', number>;
}

export interface CollectFilesInput {
  root: string;
  scope: Scope;
  /** Absolute folders (and files) never packed: the store's folders and the out dir. */
  exclude: readonly string[];
  /** The user's selection rules (default: none). */
  select?: SelectRules;
}

/** Everything `runPack` calls outside its own domain; tests override single entries. */
export interface PackDeps {
  /** `configFile` when given (it must exist), else `<root>/llm-packer.config.json` if there is one. */
  loadConfig: (root: string, configFile?: string) => Promise<PackerConfig | undefined>;
  resolveScope: (options: ResolveScopeOptions) => Promise<Scope>;
  resolveStoreLocations: (options: StoreLocationOptions) => Promise<StoreLocations>;
  readRepoState: (root: string) => Promise<RepoState>;
  readGitContext: (root: string, options: GitContextOptions) => Promise<GitContext>;
  collectFiles: (input: CollectFilesInput) => Promise<Selection>;
  isTextContent: (bytes: Uint8Array) => boolean;
  openCas: (root: string, options?: OpenCasOptions) => Cas;
  recordPackRun: (input: RecordPackRunInput) => Promise<PackRunRecord>;
  /** Monotonic milliseconds, for stage timings only (never written into a pack). */
  now: () => number;
}
