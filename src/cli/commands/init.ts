import { resolve } from 'node:path';
import type { Command } from 'commander';
import { lib } from '../lib.js';
import type { CliContext } from '../io.js';
import { printLine } from '../output.js';

export function registerInit(program: Command, ctx: CliContext): void {
  program
    .command('init')
    .description('write a commented llm-packer.config.json in ROOT (never overwrites one)')
    .argument('[root]', 'the folder to write it in', '.')
    .action(async (root: string) => {
      const file = await lib().initConfig(resolve(ctx.io.cwd, root));
      printLine(ctx.io, `wrote ${file}`);
    });
}
