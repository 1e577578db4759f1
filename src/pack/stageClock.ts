import type { TimedStage } from './types.js';

export interface StageClock {
  time<T>(stage: TimedStage, fn: () => Promise<T>): Promise<T>;
  report(): Record<TimedStage | 'total', number>;
}

/** Times each stage of a run with an injected monotonic clock. */
export function createStageClock(now: () => number): StageClock {
  const start = now();
  const timings: Record<TimedStage, number> = { scope: 0, collect: 0, screen: 0, secrets: 0, read: 0, render: 0, zip: 0, record: 0, seal: 0, publish: 0 };
  return {
    async time<T>(stage: TimedStage, fn: () => Promise<T>): Promise<T> {
      const t = now();
      try {
        return await fn();
      } finally {
        timings[stage] += Math.round(now() - t);
      }
    },
    report(): Record<TimedStage | 'total', number> {
      return { ...timings, total: Math.round(now() - start) };
    },
  };
}
