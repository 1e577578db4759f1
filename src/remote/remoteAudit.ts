/**
 * The root audit of the remote store: Mode A (the roots can be read, are not empty, and name
 * objects the remote has), Mode B (every hash an OUTPUT_HASHES record lists is on the remote and
 * rooted, the record itself included), and with `full` every rooted object downloaded and rehashed.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashFile, type Cas } from '../cas/index.js';
import { loadOutputHashes } from '../records/index.js';
import { isPackerError, mapLimit } from '../util/index.js';
import { downloadObjects } from './transferObjects.js';
import { readRemoteRoots } from './remoteRoots.js';
import type { RemoteStore } from './types.js';

export interface RemoteAuditOptions {
  remote: RemoteStore;
  /** The local store, where Mode B's record is brought to be read. */
  cas: Cas;
  outputHashesRef?: string;
  full?: boolean;
  /** Download and rehash every object the OUTPUT_HASHES record requires (what `verify` checks of one run). */
  rehashRequired?: boolean;
  concurrency?: number;
}

export interface RemoteAuditReceipt {
  mode: 'audit';
  remote: string;
  rootsCount: number;
  requiredCheck: { enabled: boolean; outputHashesRecord: string | null };
  requiredTotal: number;
  requiredMissing: string[];
  requiredUnreachable: string[];
  rootsMissing: string[];
  corrupt: string[];
  errors: string[];
  verdict: 'PASS' | 'FAIL';
}

export async function remoteAudit(options: RemoteAuditOptions): Promise<RemoteAuditReceipt> {
  const { remote } = options;
  const errors: string[] = [];
  const roots = await readRemoteRoots(remote).catch((err: unknown) => {
    errors.push(isPackerError(err) ? err.message : String(err));
    return new Set<string>();
  });
  if (roots.size === 0 && errors.length === 0) errors.push('POLICY_LOCK: Empty roots detected. Audit requires at least one root.');
  let required: string[] = [];
  if (options.outputHashesRef !== undefined) {
    const ref = options.outputHashesRef;
    try {
      await downloadObjects(options.cas, remote, [ref]);
      required = [ref, ...(await loadOutputHashes(options.cas, ref))];
    } catch (err) {
      errors.push(isPackerError(err) ? err.message : String(err));
    }
  }
  const concurrency = options.concurrency ?? 8;
  const check = [...new Set([...roots, ...required])].sort();
  const present = new Map<string, boolean>();
  await mapLimit(check, concurrency, async (h) => present.set(h, await remote.hasObject(h)));
  const corrupt: string[] = [];
  const rehash = new Set([...(options.full ? roots : []), ...(options.rehashRequired ? required : [])]);
  if (rehash.size > 0) {
    const dir = await mkdtemp(join(tmpdir(), 'llm-packer-audit-'));
    try {
      await mapLimit([...rehash].filter((h) => present.get(h)).sort(), concurrency, async (h) => {
        const tmp = join(dir, `${randomBytes(6).toString('hex')}.tmp`);
        await remote.getObjectToFile(h, tmp);
        if ((await hashFile(tmp)).hash !== h) corrupt.push(h);
        await rm(tmp, { force: true });
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const requiredMissing = required.filter((h) => !present.get(h)).sort();
  const requiredUnreachable = required.filter((h) => !roots.has(h)).sort();
  const rootsMissing = [...roots].filter((h) => !present.get(h)).sort();
  corrupt.sort();
  const ok = errors.length === 0 && roots.size > 0 && requiredMissing.length + requiredUnreachable.length + rootsMissing.length + corrupt.length === 0;
  return {
    mode: 'audit',
    remote: remote.location.url,
    rootsCount: roots.size,
    requiredCheck: { enabled: options.outputHashesRef !== undefined, outputHashesRecord: options.outputHashesRef ?? null },
    requiredTotal: new Set(required).size,
    requiredMissing: [...new Set(requiredMissing)],
    requiredUnreachable: [...new Set(requiredUnreachable)],
    rootsMissing,
    corrupt,
    errors,
    verdict: ok ? 'PASS' : 'FAIL',
  };
}
