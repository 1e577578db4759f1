/** `LITE/RUN_REFS.json` (docs/FORMATS.md §7): the four refs of a run, canonical JSON plus `\n`. */
import { isPayloadRef } from '../artifacts/index.js';
import { PackerError, canonicalJsonBytes, isHash } from '../util/index.js';

export interface RunRefs {
  manifest_ref: string;
  output_hashes_ref: string;
  status_ref: string;
  task_spec_ref: string;
}

const KEYS = ['manifest_ref', 'output_hashes_ref', 'status_ref', 'task_spec_ref'] as const;

export function encodeRunRefs(refs: RunRefs): Buffer {
  const { manifest_ref, output_hashes_ref, status_ref, task_spec_ref } = refs;
  return canonicalJsonBytes({ manifest_ref, output_hashes_ref, status_ref, task_spec_ref }, { newline: true });
}

function invalid(detail: string): PackerError {
  return new PackerError('MANIFEST_INVALID', ` RUN_REFS.json ${detail}`);
}

/** Parse and validate RUN_REFS bytes: exactly the four keys, valid refs, canonical bytes. */
export function parseRunRefs(bytes: Buffer): RunRefs {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
  } catch {
    throw invalid('is not valid JSON');
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw invalid('is not an object');
  if (Object.keys(raw).sort().join() !== KEYS.join()) throw invalid(`keys are not ${KEYS.join(', ')}`);
  if (!isPayloadRef(raw.manifest_ref)) throw invalid('manifest_ref is not sha256:<hex>');
  for (const k of KEYS.slice(1)) if (!isHash(raw[k])) throw invalid(`${k} is not a bare hash`);
  const refs = raw as unknown as RunRefs;
  if (!encodeRunRefs(refs).equals(bytes)) throw invalid('is not canonical JSON');
  return refs;
}
