import type { PackStage } from './types.js';

export interface StageClock {
  time<T>(stage: PackStage, fn: () => Promise<T>): Promise<T>;
  report(): Record<PackStage | 'total', number>;
}

/** Times each stage of a run with an injected monotonic clock. */
export function createStageClock(now: () => number): StageClock {
  const start = now();
  const timings: Record<PackStage, number> = { scope: 0, collect: 0, screen: 0, read: 0, render: 0, zip: 0, record: 0, seal: 0, publish: 0 };
  return {
    async time<T>(stage: PackStage, fn: () => Promise<T>): Promise<T> {
      const t = now();
      try {
        return await fn();
      } finally {
        timings[stage] += Math.round(now() - t);
      }
    },
    report(): Record<PackStage | 'total', number> {
      return { ...timings, total: Math.round(now() - start) };
    },
  };
}
