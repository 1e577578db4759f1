/**
 * Kill points a random delay rarely hits: just before a named rename (or rm) of the pack run,
 * through `packKillChild.ts`. Patterns match the target path of the call.
 */
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { transpileForChild } from '../fixtures/transpileForChild.js';
import type { Lane } from './crashLane.js';
import { type Run, runChild } from './kit.js';

export interface KillPoint {
  label: string;
  op: 'rename' | 'rm';
  pattern: string;
  nth: number;
}

const OBJECT = '/[0-9a-f]/[0-9a-f]{2}/[0-9a-f]{64}$';

/** Every step of a run, early to late; `publish` points are the ones between two renames of publish. */
export const KILL_POINTS: readonly KillPoint[] = [
  { label: 'CAS: before the first new object', op: 'rename', pattern: OBJECT, nth: 1 },
  { label: 'CAS: before the fourth new object', op: 'rename', pattern: OBJECT, nth: 4 },
  { label: 'render: before the first SPLIT section is named', op: 'rename', pattern: '/SPLIT/[^/]+\\.md$', nth: 1 },
  { label: 'P.2: before the manifest is written', op: 'rename', pattern: '/LITE/PACK_MANIFEST\\.json$', nth: 1 },
  { label: 'roots: before the payloads are rooted', op: 'rename', pattern: '/RUN_ROOTS\\.json$', nth: 1 },
  { label: 'roots: before STATUS is rooted', op: 'rename', pattern: '/RUN_ROOTS\\.json$', nth: 2 },
  { label: 'ledger: before the run is recorded', op: 'rename', pattern: '/RUNS\\.json$', nth: 1 },
  { label: 'P.2: before RUN_REFS.json', op: 'rename', pattern: '/LITE/RUN_REFS\\.json$', nth: 1 },
  { label: 'publish: before the old pack moves aside', op: 'rename', pattern: '\\.previous\\.tmp$', nth: 1 },
  { label: 'publish: between the two renames (old pack aside, new one not in place)', op: 'rename', pattern: '/OUT$', nth: 1 },
  { label: 'publish: new pack in place, archive not yet', op: 'rename', pattern: '/OUT\\.zip$', nth: 1 },
  { label: 'publish: before the backup is removed', op: 'rm', pattern: '\\.previous\\.tmp$', nth: 1 },
];

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const LIBRARY = pathToFileURL(join(REPO, 'dist', 'index.js')).href;
const children = new Map<string, Promise<string>>();

/** The child as plain JavaScript, made once per lane in its folder (it loads the built library). */
function killChild(lane: Lane): Promise<string> {
  let child = children.get(lane.dir);
  if (!child) {
    child = transpileForChild(join(lane.dir, 'child'), [], 'test/reliability/packKillChild.ts');
    children.set(lane.dir, child);
  }
  return child;
}

/** Pack the lane's current tree in a child that kills itself at `point`. */
export async function runToKillPoint(lane: Lane, point: KillPoint): Promise<Run> {
  const options = {
    root: lane.root,
    outDir: lane.out,
    zip: true,
    casRoot: lane.store.casRoot,
    runsDir: lane.store.runsDir,
    limits: { maxEntryBytes: 8 << 20, maxTotalBytes: 200 << 20 },
  };
  return runChild([LIBRARY, JSON.stringify(options), point.op, point.pattern, String(point.nth)], {
    cwd: lane.dir,
    script: await killChild(lane),
  });
}
