/**
 * The run ledger: a pretty-JSON array in the runs dir, changed only by read–append–write under the
 * roots lock, so runs from concurrent packs are never lost. The audit never reads it; GC reads
 * only the seal refs it records (docs/FORMATS.md §14), which stay live without being roots.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { withRootsLock } from '../roots/index.js';
import { HASH_PATTERN, PackerError, assertAbsolute, isErrno, prettyJson, readRegularFile, writeFileDurable } from '../util/index.js';
import { mkdir } from 'node:fs/promises';
import { toRunSummary, type RunSummary } from './runSummary.js';
import { LEDGER_FILE, type RunEntry } from './types.js';

const hex = z.string().regex(HASH_PATTERN);
/** One run of the ledger, local or remote (the team store's ledger has the same entries). */
export const runEntrySchema = z.strictObject({
  status_ref: hex,
  verdict: z.enum(['PASS', 'FAIL']),
  scope: z.string(),
  manifest_ref: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  task_spec_ref: hex,
  output_hashes_ref: hex,
  file_count: z.number().int().nonnegative(),
  // Kept since runs list shows them; older entries lack them and stay valid.
  created_at: z.string().datetime().optional(),
  pack_dir: z.string().min(1).optional(),
  seal_ref: hex.optional(),
  archive_sha256: hex.optional(),
});
const ledgerSchema = z.array(runEntrySchema);

export async function readLedger(runsDir: string): Promise<RunEntry[]> {
  const path = join(runsDir, LEDGER_FILE);
  let bytes: Buffer | undefined;
  try {
    bytes = await readRegularFile(path); // a FIFO must not hang a pack holding the roots lock
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return [];
    throw err;
  }
  if (bytes === undefined) {
    throw new PackerError('ROOTS_INVALID', ` ${LEDGER_FILE} is not a regular file`, { hint: `remove ${path}` });
  }
  const text = bytes.toString('utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new PackerError('ROOTS_INVALID', ` ${LEDGER_FILE} is not valid JSON`);
  }
  const parsed = ledgerSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PackerError('ROOTS_INVALID', ` ${LEDGER_FILE}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

/** Write the ledger; the caller holds the roots lock. */
export async function writeLedgerLocked(runsDir: string, entries: readonly RunEntry[]): Promise<void> {
  await mkdir(runsDir, { recursive: true });
  await writeFileDurable(join(runsDir, LEDGER_FILE), prettyJson(entries));
}

export async function appendRun(runsDir: string, entry: RunEntry): Promise<void> {
  await mkdir(runsDir, { recursive: true });
  await withRootsLock(runsDir, async () => {
    const entries = await readLedger(runsDir);
    entries.push(entry);
    await writeLedgerLocked(runsDir, entries);
  });
}

/**
 * The pack runs a runs dir remembers (its ledger, `RUNS.json`), oldest first, as the library
 * returns runs (camelCase, `RunSummary`); `[]` when there is none.
 *
 * @param runsDir - The runs dir (absolute).
 * @throws {@link PackerError} `USAGE` for a relative path; `ROOTS_INVALID` when the ledger is not
 *   a valid list of runs.
 */
export async function listRuns(runsDir: string): Promise<RunSummary[]> {
  assertAbsolute('runsDir', runsDir);
  return (await readLedger(runsDir)).map(toRunSummary);
}

/**
 * Record the seal of a run's pack (and the hash of its external archive) on the newest ledger
 * entry of that run. Under the roots lock, like every ledger write.
 */
export async function recordSeal(runsDir: string, seal: { statusRef: string; sealRef: string; archiveSha256?: string; packDir?: string }): Promise<void> {
  await withRootsLock(runsDir, async () => {
    const entries = await readLedger(runsDir);
    const i = entries.map((e) => e.status_ref).lastIndexOf(seal.statusRef);
    if (i < 0) throw new PackerError('RUN_NOT_FOUND', ` no run with STATUS ref ${seal.statusRef} to seal`);
    const { archive_sha256: _old, ...entry } = entries[i]!;
    entries[i] = {
      ...entry,
      seal_ref: seal.sealRef,
      ...(seal.archiveSha256 ? { archive_sha256: seal.archiveSha256 } : {}),
      ...(seal.packDir ? { pack_dir: seal.packDir } : {}),
    };
    await writeLedgerLocked(runsDir, entries);
  });
}

/** Seal refs the ledger records: live for GC, though never roots. The caller holds the roots lock. */
export async function ledgerSealRefs(runsDir: string): Promise<Set<string>> {
  return new Set((await readLedger(runsDir)).flatMap((e) => (e.seal_ref ? [e.seal_ref] : [])));
}

/** Where the ledger's runs published their packs (absolute); `[]` without a ledger. */
export async function ledgerPackDirs(runsDir: string): Promise<string[]> {
  return [...new Set((await readLedger(runsDir)).flatMap((e) => (e.pack_dir ? [e.pack_dir] : [])))];
}
