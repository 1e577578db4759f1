import { sha256Hex } from '../util/index.js';
import { publishObject } from './publishObject.js';
import type { PutResult } from './types.js';

export async function putBytes(root: string, data: Uint8Array): Promise<PutResult> {
  return publishObject(root, sha256Hex(data), data.length, async (fh) => {
    await fh.writeFile(data);
  });
}
