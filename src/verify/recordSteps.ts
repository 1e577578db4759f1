/**
 * The steps that check what the run recorded: RUN_REFS (from LITE, or from the STATUS the seal
 * names), the manifest and its records in the store, the payloads, the roots and a full audit.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatRef, parseRef } from '../artifacts/index.js';
import { rootAudit } from '../audit/index.js';
import { hashFile } from '../cas/index.js';
import { parseManifest } from '../manifest/index.js';
import { packPaths } from '../packdir/index.js';
import { loadOutputHashes, loadStatus, loadTaskSpec } from '../records/index.js';
import { remoteAudit } from '../remote/remoteAudit.js';
import { readRemoteRoots } from '../remote/remoteRoots.js';
import { readRoots } from '../roots/index.js';
import { parseRunRefs, runSnapshotHash } from '../runRecord/index.js';
import { canonicalJson, isErrno, mapLimit, sha256Hex } from '../util/index.js';
import { fail } from './checkFailure.js';
import type { VerifyState, VerifyStep } from './types.js';

async function readLite(state: VerifyState, path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(join(state.options.packDir, path));
  } catch (err) {
    if (isErrno(err, 'ENOENT', 'ENOTDIR')) return undefined;
    throw err;
  }
}

export const runRefsStep: VerifyStep = {
  name: 'run refs',
  needs: ['seal'],
  async run(state) {
    const statusRef = state.seal!.seal.status_ref;
    const lite = await readLite(state, packPaths.liteRunRefs);
    if (lite) {
      const refs = parseRunRefs(lite);
      if (refs.status_ref !== statusRef) fail('SEAL_MISMATCH', `RUN_REFS status_ref ${refs.status_ref} is not the seal's ${statusRef}`);
      state.refs = refs;
      return `LITE/RUN_REFS.json, canonical, STATUS ${statusRef}`;
    }
    const cas = state.options.cas;
    if (!cas) fail('VERIFY_INCOMPLETE', 'no LITE/RUN_REFS.json and no store to read the STATUS from');
    const s = await loadStatus(cas, statusRef);
    const refs = {
      manifest_ref: String(s.manifest_ref),
      output_hashes_ref: String(s.output_hashes_ref),
      status_ref: statusRef,
      task_spec_ref: String(s.task_spec_ref),
    };
    state.refs = refs;
    return `from STATUS ${statusRef} (no LITE)`;
  },
};

export const manifestStep: VerifyStep = {
  name: 'manifest',
  needs: ['refs'],
  async run(state) {
    const refs = state.refs!;
    const lite = await readLite(state, packPaths.liteManifest);
    const cas = state.options.cas;
    if (!lite && !cas) fail('VERIFY_INCOMPLETE', 'no LITE manifest and no store to read it from');
    const bytes = lite ?? (await cas!.get(parseRef(refs.manifest_ref)));
    // verify checks what the pack is, not where it could be rebuilt: a pack made with
    // --allow-unportable-paths verifies (consume still refuses it unless told).
    const manifest = parseManifest(bytes, { allowUnportablePaths: true });
    const hash = sha256Hex(bytes);
    if (refs.manifest_ref !== formatRef(hash)) fail('MANIFEST_INVALID', `manifest hash sha256:${hash} is not RUN_REFS' manifest_ref ${refs.manifest_ref}`);
    state.manifest = { manifest, bytes, hash, payloads: manifest.entries.map((e) => parseRef(e.ref)) };
    return `${manifest.entries.length} entries, canonical${lite ? '' : ' (from the store)'}`;
  },
};

export const manifestInStoreStep: VerifyStep = {
  name: 'manifest in store',
  needs: ['cas', 'manifest'],
  async run(state) {
    const { hash, bytes } = state.manifest!;
    const stored = await state.options.cas!.get(hash);
    if (!stored.equals(bytes)) fail('MANIFEST_INVALID', 'stored manifest differs');
    return `sha256:${hash}`;
  },
};

export const statusStep: VerifyStep = {
  name: 'status',
  needs: ['cas', 'manifest'],
  async run(state) {
    const refs = state.refs!;
    const { hash, payloads } = state.manifest!;
    const s = await loadStatus(state.options.cas!, refs.status_ref);
    const want = { state: 'COMPLETED', verdict: 'PASS', manifest_ref: refs.manifest_ref, task_spec_ref: refs.task_spec_ref, output_hashes_ref: refs.output_hashes_ref };
    for (const [k, v] of Object.entries(want)) if (s[k] !== v) fail('RECORD_INVALID', `STATUS ${k} is ${JSON.stringify(s[k])}, expected ${JSON.stringify(v)}`);
    const snapshot = runSnapshotHash([refs.task_spec_ref, refs.output_hashes_ref, hash, ...payloads]);
    if (s.cas_snapshot_hash !== snapshot) fail('RECORD_INVALID', `STATUS cas_snapshot_hash ${String(s.cas_snapshot_hash)} is not ${snapshot}`);
    return 'COMPLETED/PASS, refs and snapshot hash match';
  },
};

export const taskSpecStep: VerifyStep = {
  name: 'task spec',
  needs: ['cas', 'manifest'],
  async run(state) {
    const { manifest } = state.manifest!;
    const spec = await loadTaskSpec(state.options.cas!, state.refs!.task_spec_ref);
    if (spec.scope !== manifest.scope) fail('RECORD_INVALID', `TASK_SPEC scope ${JSON.stringify(spec.scope)} is not the manifest's ${manifest.scope}`);
    if (canonicalJson(spec.repo_state ?? null) !== canonicalJson(manifest.repo_state)) fail('RECORD_INVALID', 'TASK_SPEC repo_state differs from the manifest');
    return `scope ${manifest.scope}`;
  },
};

export const outputHashesStep: VerifyStep = {
  name: 'output hashes',
  needs: ['cas', 'manifest'],
  async run(state) {
    const { hash, payloads } = state.manifest!;
    const listed = await loadOutputHashes(state.options.cas!, state.refs!.output_hashes_ref);
    if (canonicalJson(listed) !== canonicalJson([hash, ...payloads])) fail('RECORD_INVALID', 'OUTPUT_HASHES is not [manifest, every entry in order]');
    return `${listed.length} hashes`;
  },
};

export const payloadsStep: VerifyStep = {
  name: 'payloads',
  needs: ['cas', 'manifest'],
  async run(state) {
    const cas = state.options.cas!;
    const { manifest, payloads } = state.manifest!;
    const bad: string[] = [];
    await mapLimit(manifest.entries, 4, async (e, i) => {
      const hash = payloads[i]!;
      try {
        const got = await hashFile(cas.path(hash));
        if (got.hash !== hash) bad.push(`corrupt ${e.path}: object ${hash}`);
        else if (got.size !== e.bytes) bad.push(`changed ${e.path}: ${got.size} bytes, manifest says ${e.bytes}`);
      } catch {
        bad.push(`missing ${e.path}: object ${hash}`);
      }
    });
    if (bad.length) fail('CAS_CORRUPT_OBJECT', `${bad.length} of ${payloads.length} objects missing or corrupt`, bad.sort());
    return `${payloads.length} objects present and intact`;
  },
};

export const rootsStep: VerifyStep = {
  name: 'roots',
  needs: ['runs', 'manifest'],
  async run(state) {
    const refs = state.refs!;
    const { remote, runsDir } = state.options;
    // With a team store, the run must be rooted there: that is what keeps it from its collector.
    const all = remote ? await readRemoteRoots(remote) : (await readRoots(runsDir!)).all;
    const needed = [refs.task_spec_ref, refs.output_hashes_ref, refs.status_ref, state.manifest!.hash, ...state.manifest!.payloads];
    const unrooted = [...new Set(needed.filter((h) => !all.has(h)))].sort();
    if (unrooted.length) fail('ROOTS_INVALID', `not rooted${remote ? ` on ${remote.location.url}` : ''}: ${unrooted.join(', ')}`);
    return `${new Set(needed).size} hashes rooted${remote ? ` on ${remote.location.url}` : ''}`;
  },
};

export const auditStep: VerifyStep = {
  name: 'audit',
  needs: ['cas', 'runs', 'refs'],
  async run(state) {
    const { cas, runsDir, root, remote } = state.options;
    const outputHashesRef = state.refs!.output_hashes_ref;
    if (remote) {
      // Mode B on the team store: the run's every object there and rooted, each downloaded and rehashed.
      const r = await remoteAudit({ remote, cas: cas!, outputHashesRef, rehashRequired: true });
      if (r.verdict !== 'PASS') {
        const findings = [
          ...r.requiredMissing.map((h) => `missing ${h}`),
          ...r.requiredUnreachable.map((h) => `not rooted ${h}`),
          ...r.corrupt.map((h) => `corrupt ${h}`),
          ...r.errors,
        ];
        fail('AUDIT_FAIL', `Mode B audit of ${remote.location.url} FAIL: ${findings.length} findings`, findings);
      }
      return `Mode B of ${remote.location.url} PASS, the run's ${r.requiredTotal} objects rehashed`;
    }
    const receipt = await rootAudit({ cas: cas!, runsDir: runsDir!, root: root ?? runsDir!, outputHashesRef, full: true });
    if (receipt.verdict !== 'PASS') {
      const findings = [...receipt.required_missing, ...receipt.required_unreachable, ...(receipt.required_corrupt ?? []), ...receipt.errors];
      fail('AUDIT_FAIL', `Mode B audit FAIL: ${findings.join(', ')}`);
    }
    return 'Mode B (full) PASS';
  },
};
