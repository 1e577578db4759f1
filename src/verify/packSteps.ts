/** The steps that need only the pack: its seal, and every file against it. */
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { SEAL_FILE } from '../packdir/index.js';
import { compareToSeal, parseSeal } from '../seal/index.js';
import { isErrno, isPackerError, sha256Hex } from '../util/index.js';
import { fail } from './checkFailure.js';
import type { VerifyStep } from './types.js';

export const sealStep: VerifyStep = {
  name: 'seal',
  needs: [],
  async run(state) {
    let bytes: Buffer;
    try {
      bytes = await readFile(join(state.options.packDir, SEAL_FILE));
    } catch (err) {
      if (!isErrno(err, 'ENOENT', 'ENOTDIR')) throw err;
      fail('SEAL_INVALID', `no ${SEAL_FILE} in ${basename(state.options.packDir)}: not a sealed pack (made before sealing? pack it again)`);
    }
    try {
      const seal = parseSeal(bytes);
      state.seal = { seal, bytes, hash: sha256Hex(bytes) };
      return `${seal.files.length} files, sha256:${state.seal.hash}`;
    } catch (err) {
      if (isPackerError(err)) fail('SEAL_INVALID', err.message.replace(/^SEAL_INVALID: /, ''));
      throw err;
    }
  },
};

export const filesStep: VerifyStep = {
  name: 'files',
  needs: ['seal'],
  async run(state) {
    const { seal } = state.seal!;
    const problems = await compareToSeal(state.options.packDir, seal);
    if (problems.length > 0) {
      const lines = problems.map((p) => `${p.kind.padEnd(7)} ${p.path}${p.detail ? ` (${p.detail})` : ''}`);
      fail('SEAL_MISMATCH', `${problems.length} of the pack's files differ from the seal`, lines);
    }
    return `${seal.files.length} files match the seal`;
  },
};
