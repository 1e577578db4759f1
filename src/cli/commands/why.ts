import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Explanation } from '../../index.js';
import type { OmittedEntry } from '../../select/index.js';
import { lib } from '../lib.js';
import type { CliContext } from '../io.js';
import { addEntryLimitOption, entryLimitFrom } from '../limitOptions.js';
import { addStoreOptions, configFileFrom } from '../options.js';
import { printJson, printLine } from '../output.js';
import { addSelectOptions, pathUnderRoot, selectionFrom, type SelectCliFlags } from '../selectOptions.js';

interface WhyFlags extends SelectCliFlags {
  root: string;
  scope?: string;
  casRoot?: string;
  runsDir?: string;
  packsDir?: string;
  config?: string;
  maxEntryBytes?: string;
  json?: boolean;
}

/** `ignored by .gitignore:3 (dist/)`, `secret: @secretlint/…`: one line a human reads. */
function describeEntry(e: OmittedEntry): string {
  const where = e.source === undefined ? '' : ` ${e.source}${e.line === undefined ? '' : `:${e.line}`}`;
  const rule = e.rule === undefined ? '' : ` (${e.rule})`;
  const folder = e.path.endsWith('/') ? `, in the folder ${e.path} left out` : '';
  switch (e.reason) {
    case 'gitignore':
    case 'ignore':
    case 'default-ignore':
      return `${e.reason}: matched by${where}${rule}${folder}`;
    case 'outside-include':
      return `outside include: matches none of${where}${rule}${folder}`;
    case 'secret':
      return `secret: withheld, line ${e.line ?? '?'}${rule}; see ${e.source ?? 'meta/SECRETS.json'}`;
    case 'too-large':
      return `too-large: ${e.bytes ?? '?'} bytes, over the per-file limit of ${e.limit ?? '?'}${rule} (raise it with --max-entry-bytes)`;
    default:
      return `${e.reason}: ${e.rule ?? ''}${folder}`;
  }
}

function print(ctx: CliContext, x: Explanation, json: boolean): void {
  if (json) printJson(ctx.io, x);
  else printLine(ctx.io, x.packed ? `${x.path}: packed` : `${x.path}: not packed — ${describeEntry(x.entry)}`);
}

export function registerWhy(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('why')
    .description('say why PATH is or is not packed (the rule, its file and line), without writing a pack')
    .argument('<path>', 'a file, relative to the current folder')
    .option('--root <dir>', 'the packed root', '.')
    .option('--scope <name>', 'the scope a pack would use (default: as pack decides)');
  addSelectOptions(cmd);
  addEntryLimitOption(cmd);
  addStoreOptions(cmd, { root: false })
    .option('--json', 'print the answer as JSON')
    .action(async (path: string, flags: WhyFlags) => {
      const abs = (p: string | undefined) => (p === undefined ? undefined : resolve(ctx.io.cwd, p));
      const root = resolve(ctx.io.cwd, flags.root);
      const configFile = await configFileFrom(flags, ctx.io);
      const answer = await lib().explainPath({
        ...(configFile !== undefined ? { configFile } : {}),
        root,
        path: pathUnderRoot(ctx.io, root, path, 'why'),
        select: selectionFrom(flags),
        limits: entryLimitFrom(flags),
        ...(flags.scope !== undefined ? { scope: flags.scope } : {}),
        ...(flags.casRoot !== undefined ? { casRoot: abs(flags.casRoot) as string } : {}),
        ...(flags.runsDir !== undefined ? { runsDir: abs(flags.runsDir) as string } : {}),
        ...(flags.packsDir !== undefined ? { packsDir: abs(flags.packsDir) as string } : {}),
      });
      print(ctx, answer, flags.json === true);
    });
}
