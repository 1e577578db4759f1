import { setTimeout as sleep } from 'node:timers/promises';
import { PackerError } from '../util/index.js';
import type { RemoteStore } from './types.js';

export interface UpdateDocOptions {
  /** Attempts before giving up with REMOTE_CONFLICT (default 20). */
  attempts?: number;
  /** Random source for the back-off (tests pass their own). */
  random?: () => number;
}

/**
 * Read–change–write of one document with a conditional put, retried while another writer wins
 * the race: `change` gets the current text (undefined when there is none) and returns the new
 * text, or undefined for "nothing to change". Two machines updating at once both keep their change.
 */
export async function updateDoc(
  remote: RemoteStore,
  name: string,
  change: (current: string | undefined) => string | undefined,
  options: UpdateDocOptions = {},
): Promise<boolean> {
  const attempts = options.attempts ?? 20;
  const random = options.random ?? Math.random;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const current = await remote.readDoc(name);
    const next = change(current?.text);
    if (next === undefined) return false;
    const written = await remote.writeDoc(name, next, current ? { ifMatch: current.etag } : { ifAbsent: true });
    if (written) return true;
    await sleep(Math.min(2000, 20 * 2 ** attempt) * (0.5 + random()));
  }
  throw new PackerError('REMOTE_CONFLICT', ` ${remote.location.url}: ${name} kept changing under us (${attempts} attempts)`, {
    hint: 'many writers at once; run the command again',
  });
}
