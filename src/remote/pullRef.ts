/**
 * `pull`: bring what a ref names from the remote into the local store, every object verified
 * before it is stored. A manifest ref brings the manifest and every file it lists (enough for
 * `consume`); a STATUS record ref brings the whole run (records, manifest and files).
 */
import { parseHashInput, parseRef } from '../artifacts/index.js';
import type { Cas } from '../cas/index.js';
import { parseManifest, type PackManifest } from '../manifest/index.js';
import { loadOutputHashes, loadStatus } from '../records/index.js';
import { PackerError } from '../util/index.js';
import { downloadObjects, type TransferOptions, type TransferReport } from './transferObjects.js';
import type { RemoteStore } from './types.js';

/** What {@link pullRef} brings from which team store into which local store. */
export interface PullInput extends TransferOptions {
  /** The local store to fill. */
  cas: Cas;
  /** The team store (see {@link openRemote}). */
  remote: RemoteStore;
  /** `sha256:<hex>` or bare hex: a manifest or a STATUS record. */
  ref: string;
}

/** What {@link pullRef} brought (`transferred`) and found locally already (`skipped`). */
export interface PullReport extends TransferReport {
  /** The team store's URL. */
  remote: string;
  /** Whether the ref named a manifest or a whole run (a STATUS record). */
  kind: 'manifest' | 'run';
  /** `sha256:` ref of the manifest, ready for {@link consumePack}. */
  manifestRef: string;
  /** Objects the ref needs, all now in the local store. */
  objects: number;
}

function tryManifest(bytes: Buffer): PackManifest | undefined {
  try {
    return parseManifest(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Bring what a ref names from a team store into the local store (`llm-packer pull`), every object
 * verified before it is stored: a manifest ref brings the manifest and every file it lists (enough
 * for {@link consumePack}); a STATUS ref brings the whole run.
 *
 * @param input - The local store, the team store and the ref.
 * @returns What was brought, and the manifest's ref.
 * @throws {@link PackerError} `INVALID_REFERENCE` for a malformed ref; `INPUT_INVALID` when it names
 *   neither a manifest nor a STATUS record; `CAS_CORRUPT_OBJECT` when downloaded bytes do not
 *   match their name; the `REMOTE_*` codes (also when the remote lacks an object).
 * @example
 * ```ts
 * import { consumePack, openCas, openRemote, pullRef } from 'llm-packer';
 *
 * const cas = openCas(casRoot);
 * const remote = await openRemote({ url: 's3://team-packs/llm' });
 * const pulled = await pullRef({ cas, remote, ref: manifestRef }).finally(() => remote.close());
 * await consumePack({ cas, source: pulled.manifestRef, out: '/tmp/files' });
 * ```
 */
export async function pullRef(input: PullInput): Promise<PullReport> {
  const { cas, remote } = input;
  const hash = parseHashInput(input.ref, 'a manifest or STATUS ref');
  const first = await downloadObjects(cas, remote, [hash]);
  const bytes = await cas.get(hash);
  const manifest = tryManifest(bytes);
  let needed: string[];
  let kind: PullReport['kind'];
  let manifestRef: string;
  if (manifest) {
    kind = 'manifest';
    manifestRef = `sha256:${hash}`;
    needed = manifest.entries.map((e) => parseRef(e.ref));
  } else {
    const status = await loadStatus(cas, hash).catch((err: unknown) => {
      throw new PackerError('INPUT_INVALID', ` ${hash} is neither a pack manifest nor a run's STATUS record`, { cause: err });
    });
    kind = 'run';
    manifestRef = String(status.manifest_ref);
    const records = [String(status.task_spec_ref), String(status.output_hashes_ref)];
    await downloadObjects(cas, remote, records);
    needed = [...records, ...(await loadOutputHashes(cas, String(status.output_hashes_ref)))];
  }
  const rest = await downloadObjects(cas, remote, needed, input);
  return {
    remote: remote.location.url,
    kind,
    manifestRef,
    objects: new Set([hash, ...needed]).size,
    transferred: first.transferred + rest.transferred,
    skipped: first.skipped + rest.skipped,
    bytes: first.bytes + rest.bytes,
  };
}
