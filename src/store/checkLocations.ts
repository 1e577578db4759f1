/**
 * The one rule for where a pack's folders may lie (used by every command that takes them). The
 * store, the runs dir, the packs dir and the out dir are four distinct places; none of them lies
 * inside another (only the out dir inside the packs dir, its default home); none is the packed
 * root, and neither the store, the runs dir nor the out dir holds the packed root. A pack
 * publishing its out dir would otherwise delete a store inside it, and a packs dir equal to the
 * root would make each pack swallow the ones before it.
 */
import { isAbsolute, relative, sep } from 'node:path';
import { PackerError } from '../util/index.js';

export interface PackLocations {
  root?: string;
  casRoot?: string;
  runsDir?: string;
  packsDir?: string;
  outDir?: string;
}

const NAMES: Record<keyof PackLocations, string> = {
  root: 'the packed root',
  casRoot: 'the store (--cas-root)',
  runsDir: 'the runs dir (--runs-dir)',
  packsDir: 'the packs dir (--packs-dir)',
  outDir: 'the out dir (--out-dir)',
};

/** `inner` is `outer` or lies inside it (absolute paths). */
export function isWithin(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || (!isAbsolute(rel) && rel.split(sep)[0] !== '..');
}

function conflict(a: keyof PackLocations, b: keyof PackLocations, where: PackLocations, how: string): PackerError {
  return new PackerError('STORE_LOCATION_CONFLICT', ` ${NAMES[a]} ${where[a] as string} ${how} ${NAMES[b]} ${where[b] as string}`, {
    hint: 'give the store, the runs dir, the packs dir and the out dir places of their own, outside one another',
  });
}

export function checkLocations(where: PackLocations): void {
  const folders = (['casRoot', 'runsDir', 'packsDir', 'outDir'] as const).filter((k) => where[k] !== undefined);
  for (const a of folders) {
    for (const b of folders) {
      if (a === b) continue;
      const pa = where[a] as string;
      const pb = where[b] as string;
      if (a === 'outDir' && b === 'packsDir' && pa !== pb) continue; // the out dir's default home
      if (pa === pb) throw conflict(a, b, where, 'is the same folder as');
      if (isWithin(pa, pb)) throw conflict(a, b, where, 'lies inside');
    }
  }
  if (where.root === undefined) return;
  for (const k of folders) {
    const p = where[k] as string;
    if (p === where.root) throw conflict(k, 'root', where, 'is');
    if (k !== 'packsDir' && isWithin(where.root, p)) throw conflict('root', k, where, 'lies inside');
  }
}
