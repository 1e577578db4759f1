/**
 * Leases across machines: who may sweep the remote (GC) and who is about to root objects (pack).
 * A holder announces itself with a lease document of its own (`runs/locks/<kind>-<id>.lease`,
 * written only where absent), then lists the others. A collection proceeds only where no pack
 * lease is live; a pack proceeds only where no GC lease is live. Because each announces before it
 * looks, two that start together cannot both miss each other; at worst both step back and retry.
 *
 * "Live" is judged on the service's clock, never a machine's: a lease is expired when it was last
 * written more than its time-to-live before our own lease was (both `LastModified` stamps come
 * from the server). A holder renews its lease while it works; one killed stops renewing and its
 * lease expires for everybody at the same moment, whatever their clocks say.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { PackerError } from '../util/index.js';
import type { RemoteStore } from './types.js';

export type LeaseKind = 'gc' | 'pack';

/** How long a lease lives without renewal. */
const LEASE_TTL_MS = 60_000;
const LOCKS = 'locks/';

export interface Lease {
  readonly name: string;
  /** Throw when our lease was taken from us (expired and removed by another): stop writing. */
  assertHeld(): Promise<void>;
  release(): Promise<void>;
}

export interface AcquireLeaseOptions {
  kind: LeaseKind;
  /** Time-to-live (default LEASE_TTL_MS); renewed every third of it. */
  ttlMs?: number;
  /** How long to keep trying while the other kind holds a lease; 0 gives up at once. */
  waitMs?: number;
}

interface LeaseDoc {
  name: string;
  kind: string;
  live: boolean;
}

/** Every other lease, judged live or expired against the service's time of our own lease. */
async function otherLeases(remote: RemoteStore, mine: string, ttlMs: number): Promise<LeaseDoc[]> {
  const all = (await remote.listDocs(LOCKS)).filter((d) => d.name.endsWith('.lease'));
  const now = all.find((d) => d.name === mine)?.lastModified ?? new Date();
  return all
    .filter((d) => d.name !== mine)
    .map((d) => ({
      name: d.name,
      kind: d.name.slice(LOCKS.length).split('-')[0] ?? '',
      live: d.lastModified === undefined || now.getTime() - d.lastModified.getTime() <= ttlMs,
    }));
}

/**
 * A collector steps back at once from a live pack lease or another collector. A pack keeps its
 * lease while it waits for a running collection to finish, so the next collection sees it and
 * steps back: packs are never starved by a collection loop.
 */
export async function acquireLease(remote: RemoteStore, options: AcquireLeaseOptions): Promise<Lease> {
  const ttlMs = options.ttlMs ?? LEASE_TTL_MS;
  const deadline = Date.now() + (options.waitMs ?? 0);
  const { kind } = options;
  const name = `${LOCKS}${kind}-${randomBytes(8).toString('hex')}.lease`;
  if (!(await remote.writeDoc(name, JSON.stringify({ kind, ttl_ms: ttlMs }), { ifAbsent: true }))) {
    throw new PackerError('REMOTE_CONFLICT', ` ${remote.location.url}: lease ${name} exists already`);
  }
  const first = await remote.readDoc(name);
  const lease = holdLease(remote, name, first?.etag ?? '', ttlMs);
  let attempt = 0;
  try {
    for (;;) {
      const others = await otherLeases(remote, name, ttlMs);
      for (const o of others.filter((x) => !x.live)) await remote.deleteDoc(o.name);
      const blocker = others.find((o) => o.live && (o.kind === 'gc' || kind === 'gc'));
      if (blocker === undefined) return lease;
      if (kind === 'gc' || Date.now() >= deadline) {
        const what = kind === 'gc' ? 'a pack or another collection is writing to' : 'a collection is sweeping';
        throw new PackerError('REMOTE_BUSY', ` ${remote.location.url}: ${what} the store (${blocker.name} is live)`, {
          hint: `try again later; the lease of a killed process expires after ${Math.round(ttlMs / 1000)} s`,
        });
      }
      await sleep(Math.min(3000, 100 * 2 ** attempt++) * (0.5 + Math.random()));
    }
  } catch (err) {
    await lease.release().catch(() => undefined);
    throw err;
  }
}

function holdLease(remote: RemoteStore, name: string, firstEtag: string, ttlMs: number): Lease {
  let etag = firstEtag;
  let lost: PackerError | undefined;
  let renewing: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    renewing = renewing.then(async () => {
      try {
        const ok = await remote.writeDoc(name, JSON.stringify({ renewed: Date.now() }), { ifMatch: etag });
        const now = ok ? await remote.readDoc(name) : undefined;
        if (!now) throw new Error('taken');
        etag = now.etag;
      } catch {
        lost ??= new PackerError('REMOTE_BUSY', ` ${remote.location.url}: our lease ${name} expired while we worked`, {
          hint: 'nothing was rooted; run the command again',
        });
      }
    });
  }, Math.max(1000, Math.floor(ttlMs / 3)));
  timer.unref();
  return {
    name,
    async assertHeld() {
      await renewing;
      if (lost) throw lost;
      const now = await remote.readDoc(name);
      if (now === undefined) throw (lost = new PackerError('REMOTE_BUSY', ` ${remote.location.url}: our lease ${name} was removed`, { hint: 'run the command again' }));
    },
    async release() {
      clearInterval(timer);
      await renewing;
      await remote.deleteDoc(name);
    },
  };
}
