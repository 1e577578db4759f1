import { isAbsolute } from 'node:path';
import { PackerError } from './errors.js';

/**
 * The library never guesses a current directory: every path an entry point takes must be
 * absolute (the CLI resolves what the user typed against its own cwd first).
 */
export function assertAbsolute(name: string, path: string | undefined): void {
  if (path !== undefined && !isAbsolute(path)) throw new PackerError('USAGE', ` ${name} must be an absolute path: ${path}`);
}
