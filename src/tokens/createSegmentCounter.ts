import { lastSafeCut } from './safeSeam.js';
import type { TokenCounter } from './types.js';

/** Text held before it is counted; a larger file is counted in safe pieces of about this size. */
const SEGMENT_CHARS = 1 << 18;

/** Counts streamed text exactly while holding at most about two segments of it. */
export interface SegmentCounter {
  push(text: string): void;
  /** The count of everything pushed. */
  end(): number;
}

export function createSegmentCounter(counter: TokenCounter, segmentChars = SEGMENT_CHARS): SegmentCounter {
  let pending = '';
  let total = 0;
  return {
    push(text) {
      pending += text;
      if (pending.length < 2 * segmentChars) return;
      const cut = lastSafeCut(pending, pending.length - 1);
      // No safe place (one huge line): keep holding; it is counted whole at the end.
      if (cut <= 0) return;
      total += counter.count(pending.slice(0, cut));
      pending = pending.slice(cut);
    },
    end() {
      total += counter.count(pending);
      pending = '';
      return total;
    },
  };
}
