/**
 * The public API of llm-packer (`import { … } from 'llm-packer'`), in one list: what a user needs
 * to pack a folder, verify a pack, consume it, audit the store's roots, collect garbage, open a
 * store, and share packs through a team store. Every path a function takes is absolute; no
 * function prints, exits or reads the current folder. Errors are {@link PackerError}s with a
 * stable {@link ErrorCode}.
 *
 * Everything else in `dist/` is internal: the CLI and the tests import it by its module path, and
 * it may change in any release. test/package/publicApi.test.ts holds this list and checks that
 * every name here has documentation.
 *
 * Not here: the MCP server. It owns the process's stdin and stdout, which a library must not;
 * run it as `llm-packer mcp`.
 */

// Pack
export { runPack } from './pack/runPack.js';
export type { RunPackOptions, PackSummary, PackTokens, PackProgress } from './pack/types.js';
export { explainPath } from './pack/explainPath.js';
export type { ExplainPathOptions, Explanation } from './pack/explainPath.js';
export { OUTPUT_STYLES } from './bundle/styleTypes.js';
export type { OutputStyle } from './bundle/styleTypes.js';
export { TOKEN_ENCODINGS } from './tokens/types.js';
export type { TokenEncoding } from './tokens/types.js';
export type { PackLimits } from './scopes/types.js';
export type { SelectionFlags } from './select/planSelection.js';
export type { OmitReason } from './select/types.js';
export type { SecretFinding } from './secrets/types.js';

// Verify
export { verifyPack } from './verify/verifyPack.js';
export type { VerifyOptions, VerifyReport, VerifyCheck } from './verify/types.js';

// Consume
export { consumePack } from './consume/consumePack.js';
export type { ConsumeOptions, ConsumeReceipt } from './consume/consumePack.js';
export { loadManifest } from './consume/loadManifest.js';
export type { LoadedManifest } from './consume/loadManifest.js';
export type { PackManifest, ManifestEntry } from './manifest/types.js';

// Audit
export { rootAudit } from './audit/rootAudit.js';
export type { RootAuditOptions, AuditReceipt, AuditRootSource } from './audit/types.js';

// Garbage collection and its roots
export { runGc } from './gc/runGc.js';
export type { GcOptions, GcReport, GcProgress } from './gc/types.js';
export { addRoots, removeRoots } from './roots/updateRoots.js';
export type { UpdateRootsOptions } from './roots/updateRoots.js';
export type { RootSourceName, RootFileState, RootsChange } from './roots/types.js';

// The store, its runs and the config
export { openCas } from './cas/openCas.js';
export type { Cas, PutResult, ObjectInfo, FsckReport } from './cas/types.js';
export { resolveStoreLocations } from './config/storeLocations.js';
export type { StoreLocationOptions, StoreLocations } from './config/storeLocations.js';
export { listRuns } from './runs/ledger.js';
export type { RunSummary } from './runs/runSummary.js';
export { forgetRun } from './runs/forgetRun.js';
export type { ForgetResult } from './runs/forgetRun.js';
export { findConfigFile } from './config/findConfigFile.js';
export { loadConfigFile } from './config/loadConfig.js';
export type { PackerConfig } from './config/configSchema.js';

// A team store (S3-compatible): push a run, pull a ref
export { openRemote } from './remote/openRemote.js';
export type { OpenRemoteOptions, RemoteStore } from './remote/types.js';
export { pushRun } from './remote/pushRun.js';
export type { PushRunInput, PushReport } from './remote/pushRun.js';
export { pullRef } from './remote/pullRef.js';
export type { PullInput, PullReport } from './remote/pullRef.js';

// Errors
export { PackerError, isPackerError } from './util/errors.js';
export type { ErrorCode } from './util/errors.js';
