/** The steps that tie the seal to the store and the run ledger, and the pack's archive to the ledger. */
import { basename } from 'node:path';
import { hashFile } from '../cas/index.js';
import { readRemoteLedger } from '../remote/remoteLedger.js';
import { readLedger, type RunEntry } from '../runs/index.js';
import { isErrno } from '../util/index.js';
import { fail } from './checkFailure.js';
import type { VerifyStep } from './types.js';

export const sealInStoreStep: VerifyStep = {
  name: 'seal in store',
  needs: ['cas', 'seal'],
  async run(state) {
    const { hash, bytes } = state.seal!;
    const { cas, remote } = state.options;
    // With a team store, fetchRun brought the seal from it: missing here means missing there too.
    const where = remote ? `the store or on ${remote.location.url}` : 'the store';
    if (!(await cas!.has(hash))) fail('SEAL_UNRECORDED', `the seal sha256:${hash} is not in ${where}`);
    const stored = await cas!.get(hash);
    if (!stored.equals(bytes)) fail('SEAL_UNRECORDED', `the stored seal differs from SEAL.json`);
    return `sha256:${hash}`;
  },
};

/**
 * Every entry of `entries` that recorded seal `hash`, newest first. Runs of one tree with the same
 * options make the same seal, with or without `--zip`, so one seal may have several entries.
 */
function entriesFor(entries: readonly RunEntry[], hash: string): RunEntry[] {
  return [...entries].reverse().filter((e) => e.seal_ref === hash);
}

export const ledgerStep: VerifyStep = {
  name: 'ledger',
  needs: ['runs', 'seal'],
  async run(state) {
    const { hash, seal } = state.seal!;
    const { runsDir, remote } = state.options;
    // The local ledger first; a run packed on another machine is in the team store's ledger.
    let found = runsDir ? entriesFor(await readLedger(runsDir), hash) : [];
    let where = '';
    if (found.length === 0 && remote) {
      found = entriesFor(await readRemoteLedger(remote), hash);
      where = `, in the ledger of ${remote.location.url}`;
    }
    const entry = found[0];
    const searched = [runsDir ? 'the ledger' : undefined, remote ? `the ledger of ${remote.location.url}` : undefined].filter(Boolean).join(' or ');
    if (!entry) fail('SEAL_UNRECORDED', `no run in ${searched} recorded this seal (sha256:${hash})`);
    if (entry.status_ref !== seal.status_ref) fail('SEAL_UNRECORDED', `the ledger records this seal for STATUS ${entry.status_ref}, the seal names ${seal.status_ref}`);
    if (entry.verdict !== 'PASS') fail('SEAL_UNRECORDED', `the run that made this pack has verdict ${entry.verdict}`);
    state.ledgerEntries = found;
    return `run ${entry.status_ref} (${entry.scope}, ${entry.file_count} files)${where}`;
  },
};

export const archiveStep: VerifyStep = {
  name: 'archive',
  needs: ['runs', 'seal'],
  async run(state) {
    const entries = state.ledgerEntries ?? [];
    if (entries.length === 0) fail('SEAL_UNRECORDED', 'no ledger entry to check the archive against');
    const zip = `${state.options.packDir}.zip`;
    const name = basename(zip);
    let got: string | undefined;
    try {
      got = (await hashFile(zip)).hash;
    } catch (err) {
      if (!isErrno(err, 'ENOENT', 'ENOTDIR', 'EISDIR')) throw err;
    }
    // Any run that made this seal vouches for its own archive, or for having made none.
    const recorded = entries.flatMap((e) => (e.archive_sha256 === undefined ? [] : [e.archive_sha256]));
    const madeNone = recorded.length < entries.length;
    if (got === undefined) {
      if (madeNone) return 'none made (no --zip)';
      fail('ARCHIVE_MISMATCH', `${name} is missing`, [`missing ${name}`]);
    }
    if (recorded.length === 0) fail('ARCHIVE_MISMATCH', `${name} beside the pack is not its archive (the run made none)`);
    if (!recorded.includes(got)) fail('ARCHIVE_MISMATCH', `${name} changed: sha256 ${got}, recorded ${recorded[0]}`, [`changed ${name}`]);
    return `${name} sha256:${got}`;
  },
};
