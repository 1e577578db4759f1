/**
 * Counts text on worker threads, so a cold pack tokenizes on every core while the main thread
 * reads and stores. Workers start on the first count (a pack whose counts are all cached loads no
 * vocabulary) and each takes the next text when it has the least work queued.
 */
import { Worker } from 'node:worker_threads';
import { MERGE_CACHE_SIZE, loadTokenCounter } from './loadTokenCounter.js';
import type { TokenEncoding } from './types.js';

export interface TokenPool {
  count(text: string): Promise<number>;
  /** Stops the workers; pending counts reject. */
  close(): Promise<void>;
}

// Plain JavaScript, so it runs the same from the compiled library, a bundle or the test runner.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const options = { disallowedSpecial: new Set() };
import(workerData.url).then(({ countTokens, setMergeCacheSize }) => {
  setMergeCacheSize(workerData.mergeCacheSize);
  parentPort.on('message', ({ id, text }) => {
    try {
      parentPort.postMessage({ id, count: text === '' ? 0 : countTokens(text, options) });
    } catch (err) {
      parentPort.postMessage({ id, error: String(err && err.message || err) });
    }
  });
}, (err) => { throw err; });
`;

interface Slot {
  worker: Worker;
  /** Characters sent and not yet answered. */
  queued: number;
  /** Counts sent and not yet answered: the worker keeps the process alive only while this is > 0. */
  inFlight: number;
}

function moduleUrl(encoding: TokenEncoding): string {
  return import.meta.resolve(`gpt-tokenizer/encoding/${encoding}`);
}

/** A pool of `workers` threads; 0 counts on the calling thread. */
export function createTokenPool(options: { encoding: TokenEncoding; workers: number }): TokenPool {
  const { encoding } = options;
  if (options.workers <= 0) {
    const counter = loadTokenCounter(encoding);
    return { count: async (text) => (await counter).count(text), close: async () => {} };
  }
  const pending = new Map<number, { resolve: (n: number) => void; reject: (e: Error) => void; slot: Slot; size: number }>();
  const slots: Slot[] = [];
  let nextId = 0;
  const fail = (err: Error) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  function start(): void {
    for (let i = 0; i < options.workers; i++) {
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { url: moduleUrl(encoding), mergeCacheSize: MERGE_CACHE_SIZE } });
      const slot: Slot = { worker, queued: 0, inFlight: 0 };
      worker.on('message', (m: { id: number; count?: number; error?: string }) => {
        const p = pending.get(m.id);
        if (!p) return;
        pending.delete(m.id);
        p.slot.queued -= p.size;
        if (--p.slot.inFlight === 0) p.slot.worker.unref();
        if (m.count !== undefined) p.resolve(m.count);
        else p.reject(new Error(`token count failed: ${m.error ?? 'unknown error'}`));
      });
      worker.on('error', fail);
      worker.unref();
      slots.push(slot);
    }
  }
  return {
    count(text) {
      if (text === '') return Promise.resolve(0);
      if (slots.length === 0) start();
      const slot = slots.reduce((a, b) => (b.queued < a.queued ? b : a));
      const id = nextId++;
      slot.queued += text.length;
      if (slot.inFlight++ === 0) slot.worker.ref();
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, slot, size: text.length });
        slot.worker.postMessage({ id, text });
      });
    },
    async close() {
      fail(new Error('token pool closed'));
      await Promise.all(slots.map((s) => s.worker.terminate()));
      slots.length = 0;
    },
  };
}
