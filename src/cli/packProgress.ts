/**
 * The pack command's progress display on stderr: a cli-progress bar with files and bytes done and
 * the read rate, only when stderr is a terminal and `--quiet` is off. The chosen scope is printed
 * as one line at the start (stderr, so `--json` output stays pure), unless `quiet`.
 */
import { SingleBar } from 'cli-progress';
import type { PackProgress } from '../index.js';
import type { CliIo } from './io.js';

export interface PackProgressDisplay {
  onProgress(event: PackProgress): void;
  stop(): void;
}

export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u += 1;
  }
  return u === 0 ? `${n} B` : `${v.toFixed(1)} ${units[u]}`;
}

export function createPackProgress(
  io: CliIo,
  options: { bar: boolean; quiet?: boolean; now?: () => number },
): PackProgressDisplay {
  const now = options.now ?? (() => Date.now());
  let bar: SingleBar | undefined;
  let started = 0;
  const stream = io.stderr as NodeJS.WritableStream;
  const rate = (bytes: number) => {
    const secs = Math.max(0.001, (now() - started) / 1000);
    return `${formatBytes(bytes / secs)}/s`;
  };
  return {
    onProgress(event) {
      if (event.stage === 'scope' && !options.quiet) io.stderr.write(`scope: ${event.scope.key} (${event.scope.title})\n`);
      if (event.stage === 'wait') {
        if (!options.quiet) io.stderr.write(`waiting for a garbage collection to finish (${event.holder})\n`);
        return;
      }
      if (!options.bar) return;
      if (event.stage === 'screen' && event.files > 0) {
        started = now();
        bar = new SingleBar({
          stream,
          format: 'packing [{bar}] {value}/{total} files | {done} of {size} | {rate}',
          hideCursor: false,
          gracefulExit: false,
          clearOnComplete: true,
          fps: 10,
        });
        bar.start(event.files, 0, { done: formatBytes(0), size: formatBytes(event.bytes), rate: rate(0) });
      } else if (event.stage === 'read') {
        const done = formatBytes(event.bytesDone);
        bar?.update(event.filesDone, { done, size: formatBytes(event.bytesTotal), rate: rate(event.bytesDone) });
      } else if (event.stage !== 'collect' && event.stage !== 'scope' && bar) {
        bar.stop();
        bar = undefined;
      }
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}
