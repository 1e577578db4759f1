/**
 * The two halves of a store ↔ runs dir binding (docs: README "bind"). The store holds
 * `llm-packer-store.json`, the runs dir `STORE_BINDING.json`; both carry the same random
 * `binding` id. A pair belongs together exactly when both files exist and the ids are equal.
 * The paths they record are for messages only (folders move; the ids decide).
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { TextDecoder } from 'node:util';
import { STORE_BINDING_FILE } from '../cas/index.js';
import { PackerError, canonicalJsonBytes, isErrno, readRegularFile, writeFileDurable } from '../util/index.js';

/** In the runs dir, beside RUN_ROOTS.json. */
export const RUNS_BINDING_FILE = 'STORE_BINDING.json';

export { STORE_BINDING_FILE };

const ID = /^[0-9a-f]{32}$/;

export interface BindingFile {
  binding: string;
  /** The other half's absolute path when the pair was bound (for messages). */
  peer: string;
}

export function newBindingId(): string {
  return randomBytes(16).toString('hex');
}

function invalid(path: string, why: string): PackerError {
  return new PackerError('STORE_NOT_BOUND', ` ${path} ${why}`, { hint: `remove it and bind again with \`llm-packer bind\`` });
}

/** One half: undefined when absent; malformed or not a regular file is an error. */
async function readBindingFile(dir: string, file: string, peerKey: 'runs_dir' | 'cas_root'): Promise<BindingFile | undefined> {
  const path = join(dir, file);
  let bytes: Buffer | undefined;
  try {
    bytes = await readRegularFile(path);
  } catch (err) {
    if (isErrno(err, 'ENOENT', 'ENOTDIR')) return undefined;
    throw err;
  }
  if (bytes === undefined) throw invalid(path, 'is not a regular file');
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw invalid(path, 'is not valid JSON');
  }
  const record = value as Record<string, unknown>;
  if (typeof record !== 'object' || record === null || typeof record.binding !== 'string' || !ID.test(record.binding)) {
    throw invalid(path, 'has no valid "binding" id');
  }
  return { binding: record.binding, peer: typeof record[peerKey] === 'string' ? (record[peerKey] as string) : '?' };
}

export function readStoreBinding(casRoot: string): Promise<BindingFile | undefined> {
  return readBindingFile(casRoot, STORE_BINDING_FILE, 'runs_dir');
}

export function readRunsBinding(runsDir: string): Promise<BindingFile | undefined> {
  return readBindingFile(runsDir, RUNS_BINDING_FILE, 'cas_root');
}

/** Write both halves (the folders must exist): the runs dir first, so a crash between leaves the store unbound, never pointing at a runs dir that does not know it. */
export async function writeBinding(casRoot: string, runsDir: string, binding: string): Promise<void> {
  await writeFileDurable(join(runsDir, RUNS_BINDING_FILE), canonicalJsonBytes({ binding, cas_root: casRoot, version: 1 }, { newline: true }));
  await writeFileDurable(join(casRoot, STORE_BINDING_FILE), canonicalJsonBytes({ binding, runs_dir: runsDir, version: 1 }, { newline: true }));
}
