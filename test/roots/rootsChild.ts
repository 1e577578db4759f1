/**
 * A roots writer in its own process, for the concurrency tests.
 *   rootsChild.ts add <runsDir> <hash...>   prints `ready`, waits for a line on stdin, then adds
 *                                            the hashes five at a time and prints `done`.
 *   rootsChild.ts hold <runsDir> <staleMs>   takes the roots lock, prints `locked`, and keeps it
 *                                            until the process is killed.
 */
import { once } from 'node:events';
import { addRoots, withRootsLock } from '../../src/roots/index.js';

const [command, runsDir, ...rest] = process.argv.slice(2) as [string, string, ...string[]];

if (command === 'add') {
  process.stdout.write('ready\n');
  await once(process.stdin, 'data');
  for (let i = 0; i < rest.length; i += 5) await addRoots(runsDir, rest.slice(i, i + 5));
  process.stdout.write('done\n');
  process.stdin.destroy();
} else if (command === 'hold') {
  await withRootsLock(
    runsDir,
    async () => {
      process.stdout.write('locked\n');
      setInterval(() => undefined, 1000); // keep the process alive until SIGKILL
      await new Promise(() => undefined);
    },
    { staleMs: Number(rest[0]) },
  );
} else {
  throw new Error(`unknown command ${command}`);
}
