/**
 * Immutable run records stored in the CAS (docs/FORMATS.md §4): canonical JSON without a trailing
 * newline; their refs are bare hashes. Writers refuse what loaders would refuse.
 */
import { TextDecoder } from 'node:util';
import type { Cas } from '../cas/index.js';
import { parseRecordRef } from '../artifacts/index.js';
import { canonicalJsonBytes, type JsonValue } from '../util/index.js';
import { PackerError } from '../util/index.js';
import { isHash } from '../util/index.js';
import type { JsonObject, RunStatus, TaskSpec } from './types.js';

type RecordKind = 'TASK_SPEC' | 'OUTPUT_HASHES' | 'STATUS';

function invalid(kind: RecordKind, why: string): PackerError {
  return new PackerError('RECORD_INVALID', ` ${kind} ${why}`);
}

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkTaskSpec(value: unknown): TaskSpec {
  if (!isPlainObject(value)) throw invalid('TASK_SPEC', 'must be a JSON object');
  if (Object.keys(value).length === 0) throw invalid('TASK_SPEC', 'must not be empty');
  return value;
}

function checkOutputHashes(value: unknown): string[] {
  if (!Array.isArray(value)) throw invalid('OUTPUT_HASHES', 'must be a JSON array');
  value.forEach((h, i) => {
    if (!isHash(h)) throw invalid('OUTPUT_HASHES', `item ${i} is not a bare sha256 hash: ${JSON.stringify(h)}`);
  });
  return value as string[];
}

function checkStatus(value: unknown): RunStatus {
  if (!isPlainObject(value)) throw invalid('STATUS', 'must be a JSON object');
  if (!('state' in value)) throw invalid('STATUS', 'has no "state"');
  if (typeof value.state !== 'string') throw invalid('STATUS', '"state" must be a string');
  return value as RunStatus;
}

async function put(cas: Cas, value: JsonValue): Promise<string> {
  return (await cas.putBytes(canonicalJsonBytes(value))).hash;
}

async function load(cas: Cas, kind: RecordKind, ref: string): Promise<unknown> {
  const bytes = await cas.get(parseRecordRef(ref));
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (err) {
    throw new PackerError('RECORD_DECODE', ` ${kind} ${ref} is not UTF-8 JSON`, { cause: err });
  }
}

// async, so a refused record rejects the promise instead of throwing before one exists.
export const putTaskSpec = async (cas: Cas, spec: TaskSpec): Promise<string> => put(cas, checkTaskSpec(spec));
export const putOutputHashes = async (cas: Cas, hashes: readonly string[]): Promise<string> =>
  put(cas, checkOutputHashes([...hashes]));
export const putStatus = async (cas: Cas, status: RunStatus): Promise<string> => put(cas, checkStatus(status));

export const loadTaskSpec = async (cas: Cas, ref: string): Promise<TaskSpec> =>
  checkTaskSpec(await load(cas, 'TASK_SPEC', ref));
export const loadOutputHashes = async (cas: Cas, ref: string): Promise<string[]> =>
  checkOutputHashes(await load(cas, 'OUTPUT_HASHES', ref));
export const loadStatus = async (cas: Cas, ref: string): Promise<RunStatus> =>
  checkStatus(await load(cas, 'STATUS', ref));
