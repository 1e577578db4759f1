/**
 * The run ledger: a pretty-JSON array in the runs dir, changed only by read–append–write under the
 * roots lock, so runs from concurrent packs are never lost. It is ours alone: GC and the audit
 * never read it (roots stay the only liveness anchors).
 */
import { join } from 'node:path';
import { z } from 'zod';
import { withRootsLock } from '../roots/index.js';
import { HASH_PATTERN, PackerError, isErrno, prettyJson, readRegularFile, writeFileDurable } from '../util/index.js';
import { mkdir } from 'node:fs/promises';
import { LEDGER_FILE, type RunEntry } from './types.js';

const hex = z.string().regex(HASH_PATTERN);
const ledgerSchema = z.array(
  z.strictObject({
    status_ref: hex,
    verdict: z.enum(['PASS', 'FAIL']),
    scope: z.string(),
    manifest_ref: z.string().regex(/^sha256:[0-9a-f]{64}$/),
    task_spec_ref: hex,
    output_hashes_ref: hex,
    file_count: z.number().int().nonnegative(),
  }),
);

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

export const listRuns = readLedger;
