/**
 * The remote run ledger (`runs/RUNS.json`): one entry per run pushed, appended with a conditional
 * write so that runs pushed from several machines at once are all kept. Like the local ledger it
 * is ours alone: GC and the audit read only the roots.
 */
import { z } from 'zod';
import { runEntrySchema, type RunEntry } from '../runs/index.js';
import { PackerError, prettyJson } from '../util/index.js';
import { updateDoc } from './updateDoc.js';
import type { RemoteStore } from './types.js';

const REMOTE_LEDGER = 'RUNS.json';

export type RemoteRunEntry = RunEntry;

function parseLedger(text: string | undefined, url: string): RemoteRunEntry[] {
  if (text === undefined) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new PackerError('ROOTS_INVALID', ` ${url}/runs/${REMOTE_LEDGER} is not valid JSON`);
  }
  const parsed = z.array(runEntrySchema).safeParse(raw);
  if (!parsed.success) throw new PackerError('ROOTS_INVALID', ` ${url}/runs/${REMOTE_LEDGER}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

export async function readRemoteLedger(remote: RemoteStore): Promise<RemoteRunEntry[]> {
  return parseLedger((await remote.readDoc(REMOTE_LEDGER))?.text, remote.location.url);
}

/**
 * Add `entry` unless a run with its status ref is listed already; a listed run that lacks the
 * seal or archive `entry` names (pushed before by its ref alone) gains them.
 */
export async function appendRemoteRun(remote: RemoteStore, entry: RemoteRunEntry): Promise<void> {
  await updateDoc(remote, REMOTE_LEDGER, (text) => {
    const entries = parseLedger(text, remote.location.url);
    const i = entries.findIndex((e) => e.status_ref === entry.status_ref);
    if (i < 0) return prettyJson([...entries, entry]);
    const listed = entries[i]!;
    const gains = (entry.seal_ref !== undefined && listed.seal_ref === undefined) || (entry.archive_sha256 !== undefined && listed.archive_sha256 === undefined && (listed.seal_ref ?? entry.seal_ref) === entry.seal_ref);
    if (!gains) return undefined;
    const merged: RemoteRunEntry = { ...listed, ...(listed.seal_ref === undefined && entry.seal_ref !== undefined ? { seal_ref: entry.seal_ref } : {}) };
    if (merged.seal_ref === entry.seal_ref && entry.archive_sha256 !== undefined && merged.archive_sha256 === undefined) merged.archive_sha256 = entry.archive_sha256;
    return prettyJson(entries.map((e, j) => (j === i ? merged : e)));
  });
}
