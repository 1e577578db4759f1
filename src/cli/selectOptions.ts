import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import type { SelectionFlags } from '../index.js';
import { lib } from './lib.js';
import type { CliIo } from './io.js';

export interface SelectCliFlags {
  include?: string[];
  ignore?: string[];
  defaultIgnores: boolean;
  secretCheck: boolean;
  withholdSecrets?: boolean;
}

const collectRepeated = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** The selection flags `pack` and `why` share (so `why` answers for the pack the same flags make). */
export function addSelectOptions(cmd: Command): Command {
  return cmd
    .option('--include <pattern>', 'pack only files matching this gitignore-style pattern (repeatable)', collectRepeated)
    .option('--ignore <pattern>', 'leave out files matching this gitignore-style pattern (repeatable)', collectRepeated)
    .option('--no-default-ignores', 'do not leave out lock files, .env*, keys, minified bundles, build and cache folders')
    .option('--no-secret-check', 'do not scan files for secrets')
    .option('--withhold-secrets', 'withhold files with secrets in the AGS scopes too (elsewhere they always are)');
}

export function selectionFrom(flags: SelectCliFlags, paths?: readonly string[]): SelectionFlags {
  return {
    ...(flags.include ? { include: flags.include } : {}),
    ...(flags.ignore ? { ignore: flags.ignore } : {}),
    ...(flags.defaultIgnores === false ? { defaultIgnores: false } : {}),
    ...(flags.secretCheck === false ? { secretCheck: false } : {}),
    ...(flags.withholdSecrets ? { withholdSecrets: true } : {}),
    ...(paths ? { paths } : {}),
  };
}

/** A path from the command line or stdin (relative to the cwd, or absolute) as a `/`-path under `root`. */
export function pathUnderRoot(io: CliIo, root: string, path: string, from: string): string {
  const rel = relative(root, resolve(io.cwd, path));
  if (rel === '' || isAbsolute(rel) || rel === '..' || rel.startsWith(`..${sep}`)) {
    const abs = resolve(io.cwd, path);
    const read = isAbsolute(path) ? '' : ` (read from the current folder: ${abs})`;
    throw new (lib().PackerError)('USAGE', ` ${from}: ${JSON.stringify(path)}${read} is not inside the packed root ${root}`, {
      hint: 'give paths relative to the current folder, or absolute',
    });
  }
  return rel.split(sep).join('/');
}

/** The `--stdin` list: one path a line (or NUL-separated with `-z`), relative to the cwd or absolute. */
export async function readPathList(io: CliIo, root: string, nul: boolean): Promise<string[]> {
  const stdin = io.stdio?.stdin;
  if (stdin === undefined) throw new (lib().PackerError)('USAGE', ' --stdin needs a standard input');
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  const text = Buffer.concat(chunks).toString('utf8');
  const lines = nul ? text.split('\0') : text.split(/\r?\n/);
  const paths = lines.filter((l) => l !== '').map((l) => pathUnderRoot(io, root, l, '--stdin'));
  if (paths.length === 0) throw new (lib().PackerError)('USAGE', ' --stdin: no paths on standard input');
  return [...new Set(paths)];
}
