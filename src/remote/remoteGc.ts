/**
 * Garbage collection of the remote store: the local collector's Policy B (no roots → no deletions
 * unless allowed; any error reading a root file → no deletions) and grace period, under a GC lease
 * that keeps every pack from rooting while we sweep (see remoteLease.ts). The grace period is
 * judged on the service's clock (`LastModified` of the objects against that of our lease).
 */
import { GC_EMPTY_ROOTS_ERROR } from '../gc/index.js';
import { PackerError } from '../util/index.js';
import { acquireLease } from './remoteLease.js';
import { ledgerLive } from './ledgerLive.js';
import { readRemoteRootFile } from './remoteRoots.js';
import type { RemoteStore } from './types.js';

export interface RemoteGcOptions {
  remote: RemoteStore;
  apply: boolean;
  /** Objects written less than this long ago are never deleted (default one hour). */
  graceMs: number;
  allowEmptyRoots?: boolean;
}

export interface RemoteGcReport {
  mode: 'dry_run' | 'apply';
  remote: string;
  allowEmptyRoots: boolean;
  rootsCount: number;
  objectsCount: number;
  candidateHashesCount: number;
  deletedHashes: string[];
  skippedHashes: { hash: string; reason: string }[];
}

export async function runRemoteGc(options: RemoteGcOptions): Promise<RemoteGcReport> {
  const { remote } = options;
  const lease = await acquireLease(remote, { kind: 'gc' });
  try {
    const [runs, pins] = await Promise.all([readRemoteRootFile(remote, 'RUN_ROOTS'), readRemoteRootFile(remote, 'GC_PINS')]);
    const roots = new Set([...runs.roots, ...pins.roots]);
    if (roots.size === 0 && options.allowEmptyRoots !== true) throw new PackerError('POLICY_LOCK', GC_EMPTY_ROOTS_ERROR.slice('POLICY_LOCK:'.length));
    // Seals, and the pack files they list, are kept live by the ledger (an unreadable ledger or
    // seal stops the sweep).
    const seals = await ledgerLive(remote);
    const objects = await remote.listObjects();
    const serverNow = (await remote.listDocs(lease.name)).find((d) => d.name === lease.name)?.lastModified ?? new Date();
    const candidates = objects.filter((o) => !roots.has(o.hash) && !seals.has(o.hash)).sort((a, b) => (a.hash < b.hash ? -1 : 1));
    const report: RemoteGcReport = {
      mode: options.apply ? 'apply' : 'dry_run',
      remote: remote.location.url,
      allowEmptyRoots: options.allowEmptyRoots === true,
      rootsCount: roots.size,
      objectsCount: objects.length,
      candidateHashesCount: candidates.length,
      deletedHashes: [],
      skippedHashes: [],
    };
    for (const o of candidates) {
      const age = o.lastModified === undefined ? 0 : serverNow.getTime() - o.lastModified.getTime();
      if (age < options.graceMs) {
        report.skippedHashes.push({ hash: o.hash, reason: 'within grace period' });
      } else if (options.apply) {
        await lease.assertHeld();
        await remote.deleteObject(o.hash);
        report.deletedHashes.push(o.hash);
      }
    }
    return report;
  } finally {
    await lease.release();
  }
}
