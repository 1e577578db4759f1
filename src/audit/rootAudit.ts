/**
 * The root audit (docs/FORMATS.md §9). Mode A checks that the roots can be read and are not empty;
 * Mode B also checks that every hash of an OUTPUT_HASHES record is stored and rooted. It only
 * reads, and never throws for a finding: findings go in the receipt and make the verdict FAIL.
 */
import { join, relative, resolve, sep } from 'node:path';
import { ROOT_FILES, ROOT_SOURCE_NAMES, inspectRootFile, type InspectedRootFile, type RootSourceName } from '../roots/index.js';
import { checkStoreBinding } from '../store/index.js';
import { assertAbsolute, compareCodePoints, isPackerError } from '../util/index.js';
import { checkRequired, type RequiredCheck } from './checkRequired.js';
import { rehashObjects } from './rehashObjects.js';
import { storeSnapshotHash } from './storeSnapshotHash.js';
import type { AuditReceipt, AuditRootSource, RootAuditOptions } from './types.js';

export const AUDIT_EMPTY_ROOTS_ERROR = 'POLICY_LOCK: Empty roots detected. Audit requires at least one root.';

/** An error as one receipt line: a PackerError's own message, anything else as IO_ERROR. */
export function describeFinding(err: unknown): string {
  if (isPackerError(err)) return err.message;
  const message = err instanceof Error ? err.message : String(err);
  return `IO_ERROR: ${message.split('\n')[0]}`;
}

async function inspectSources(runsDir: string, errors: string[]): Promise<InspectedRootFile[]> {
  const read = async (name: RootSourceName): Promise<InspectedRootFile> => {
    try {
      return await inspectRootFile(runsDir, name);
    } catch (err) {
      // Unreadable (permissions, I/O): there, but of unknown content.
      errors.push(describeFinding(err));
      return { state: { name, path: join(runsDir, ROOT_FILES[name]), exists: true, contentHash: null, hashes: [] } };
    }
  };
  return Promise.all(ROOT_SOURCE_NAMES.map(read));
}

function sourceOf(inspected: InspectedRootFile, root: string): AuditRootSource {
  const { state } = inspected;
  return {
    name: state.name,
    path: relative(resolve(root), resolve(state.path)).split(sep).join('/'),
    exists: state.exists,
    content_hash: state.contentHash,
  };
}

async function listObjects(options: RootAuditOptions, errors: string[]): Promise<string[]> {
  try {
    return await options.cas.list();
  } catch (err) {
    errors.push(describeFinding(err));
    return [];
  }
}

async function runRequiredCheck(
  options: RootAuditOptions & { outputHashesRef: string },
  objects: string[],
  roots: Set<string>,
): Promise<RequiredCheck> {
  try {
    return await checkRequired({
      cas: options.cas,
      outputHashesRef: options.outputHashesRef,
      objects: new Set(objects),
      roots,
      full: options.full === true,
    });
  } catch (error) {
    return { total: 0, missing: [], unreachable: [], corrupt: [], error };
  }
}

/** `--full`: every rooted object in the store is rehashed, in Mode A as in Mode B. */
async function rehashRooted(options: RootAuditOptions, objects: string[], roots: Set<string>, errors: string[]): Promise<string[]> {
  try {
    return (await rehashObjects(options.cas, objects.filter((h) => roots.has(h)))).corrupt;
  } catch (err) {
    errors.push(describeFinding(err));
    return [];
  }
}

/**
 * Audit the store's roots (`llm-packer audit`, docs/FORMATS.md §9). Mode A checks that there are
 * roots and that every roots file reads; Mode B (`outputHashesRef`) also checks that every hash of
 * that OUTPUT_HASHES record is stored and rooted. With `full`, every rooted object must be stored
 * and is rehashed. Reads
 * only; a failed check is in the receipt (`verdict: 'FAIL'`, `errors`), not thrown.
 *
 * @param options - The store, the runs dir and the packed root (absolute), and the mode.
 * @returns The receipt; `verdict` is `PASS` only when every check held.
 * @throws {@link PackerError} `USAGE` for a relative path; `STORE_NOT_BOUND` when the runs dir is
 *   bound to another store (or the store to another runs dir).
 * @example
 * ```ts
 * import { openCas, rootAudit } from 'llm-packer';
 *
 * const receipt = await rootAudit({ cas: openCas(casRoot), runsDir, root, full: true });
 * if (receipt.verdict !== 'PASS') console.error(receipt.errors, receipt.required_missing);
 * ```
 */
export async function rootAudit(options: RootAuditOptions): Promise<AuditReceipt> {
  assertAbsolute('runsDir', options.runsDir);
  assertAbsolute('root', options.root);
  await checkStoreBinding({ casRoot: options.cas.root, runsDir: options.runsDir, write: false, acceptUnbound: true });
  const errors: string[] = [];
  const sources = await inspectSources(options.runsDir, errors);
  for (const s of sources) if (s.error) errors.push(s.error.message);
  const roots = new Set(sources.flatMap((s) => s.state.hashes));
  const readable = errors.length === 0;
  if (readable && roots.size === 0) errors.push(AUDIT_EMPTY_ROOTS_ERROR);

  const objects = await listObjects(options, errors);
  const modeB = options.outputHashesRef !== undefined;
  const required = modeB
    ? await runRequiredCheck({ ...options, outputHashesRef: options.outputHashesRef as string }, objects, roots)
    : { total: 0, missing: [], unreachable: [], corrupt: [] };
  if (required.error !== undefined) errors.push(describeFinding(required.error));
  // Mode B vouches for a record only if the record itself is kept alive.
  if (modeB && !roots.has(options.outputHashesRef as string)) {
    errors.push(`AUDIT_FAIL: the OUTPUT_HASHES record ${options.outputHashesRef as string} is not rooted`);
  }
  const rooted_corrupt = options.full ? await rehashRooted(options, objects, roots, errors) : [];
  // `--full` vouches for every rooted object: one that is gone is as lost as one that is damaged.
  const stored = new Set(objects);
  const rooted_missing = options.full ? [...roots].filter((h) => !stored.has(h)).sort(compareCodePoints) : [];
  errors.sort(compareCodePoints);

  const failed =
    errors.length > 0 ||
    required.missing.length > 0 ||
    required.unreachable.length > 0 ||
    required.corrupt.length > 0 ||
    rooted_corrupt.length > 0 ||
    rooted_missing.length > 0;
  return {
    mode: 'audit',
    root_sources: sources.map((s) => sourceOf(s, options.root)),
    roots_count: roots.size,
    reachable_hashes_count: roots.size,
    required_check: { enabled: modeB, output_hashes_record: modeB ? (options.outputHashesRef as string) : null },
    required_total: required.total,
    required_missing: required.missing,
    required_unreachable: required.unreachable,
    ...(options.full ? { required_corrupt: required.corrupt, rooted_corrupt, rooted_missing } : {}),
    errors,
    cas_snapshot_hash: storeSnapshotHash(objects),
    verdict: failed || roots.size === 0 ? 'FAIL' : 'PASS',
  };
}
