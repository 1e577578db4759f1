/**
 * What the remote ledger keeps live beside the roots: each run's seal (as in a local store), and,
 * when the seal is on the remote, every file it lists and the run's archive — the pack's own
 * files, which `pull --out` rebuilds the pack from. A seal that cannot be read whole stops the
 * collection (fail closed); a seal that is not on the remote protects nothing more.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSeal } from '../seal/index.js';
import { PackerError, isPackerError, mapLimit, sha256Hex } from '../util/index.js';
import { readRemoteLedger } from './remoteLedger.js';
import type { RemoteStore } from './types.js';

export async function ledgerLive(remote: RemoteStore, concurrency = 8): Promise<Set<string>> {
  const entries = await readRemoteLedger(remote);
  const live = new Set<string>();
  const seals = new Set<string>();
  for (const e of entries) {
    if (e.seal_ref === undefined) continue;
    seals.add(e.seal_ref);
    live.add(e.seal_ref);
    if (e.archive_sha256 !== undefined) live.add(e.archive_sha256);
  }
  if (seals.size === 0) return live;
  const dir = await mkdtemp(join(tmpdir(), 'llm-packer-seals-'));
  try {
    await mapLimit([...seals].sort(), concurrency, async (ref) => {
      if (!(await remote.hasObject(ref))) return;
      const tmp = join(dir, ref);
      await remote.getObjectToFile(ref, tmp);
      const bytes = await readFile(tmp);
      const unreadable = (why: string) => new PackerError('ROOTS_INVALID', ` the seal ${ref} on ${remote.location.url} ${why}; nothing is deleted`);
      if (sha256Hex(bytes) !== ref) throw unreadable('is corrupt');
      try {
        for (const f of parseSeal(bytes).files) live.add(f.sha256);
      } catch (err) {
        if (isPackerError(err)) throw unreadable(`is not a seal (${err.message})`);
        throw err;
      }
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return live;
}
