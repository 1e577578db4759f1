// One benchmark session: a private temp folder (outside any git work tree), the child processes
// running right now, and a clean-up that runs once on success, on error and on Ctrl-C/SIGTERM.
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * @returns {{ root: string, dir(name: string): string, track(child: import('node:child_process').ChildProcess): void,
 *   untrack(child: import('node:child_process').ChildProcess): void, remove(path: string): void, dispose(): void }}
 */
export function createSession() {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'llm-packer-bench-')));
  const children = new Set();
  let disposed = false;

  const killChildren = () => {
    for (const child of children) {
      // Children run detached in their own process group: kill the group (time, shell, tar, node).
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    children.clear();
  };
  const dispose = () => {
    if (disposed) return;
    disposed = true;
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    killChildren();
    rmSync(root, { recursive: true, force: true });
  };
  function onSignal(signal) {
    process.stderr.write(`\nbench: ${signal}: stopping, removing ${root}\n`);
    dispose();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  }
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  return {
    root,
    dir(name) {
      const path = join(root, name);
      mkdirSync(path, { recursive: true });
      return path;
    },
    track: (child) => children.add(child),
    untrack: (child) => children.delete(child),
    remove: (path) => rmSync(path, { recursive: true, force: true }),
    dispose,
  };
}
