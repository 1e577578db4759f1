import type { Command } from 'commander';
import type { CliContext } from '../io.js';
import { lib } from '../lib.js';
import { addStoreOptions, storeLocationsFrom, type StoreFlags } from '../options.js';
import { printJson, printLine } from '../output.js';

type Flags = StoreFlags & { force?: boolean; json?: boolean; quiet?: boolean };

/** `llm-packer bind --cas-root S --runs-dir R`: make R the runs dir that holds S's roots. */
export function registerBind(program: Command, ctx: CliContext): void {
  addStoreOptions(
    program
      .command('bind')
      .description(
        'make a runs dir the one that holds the roots of a store. gc, audit and pack refuse a store and a runs dir ' +
          'that are not bound to each other (STORE_NOT_BOUND); the first pack binds a new pair by itself',
      ),
  )
    .option('--force', "rebind a store that is bound to another runs dir (gc then keeps only this runs dir's roots)")
    .option('--json', 'print the result as JSON')
    .option('--quiet', 'print nothing on success')
    .action(async (flags: Flags) => {
      const { casRoot, runsDir } = await storeLocationsFrom(flags, ctx.io);
      const result = await lib().bindStore({ casRoot, runsDir, force: flags.force === true });
      if (flags.json) return printJson(ctx.io, result);
      if (flags.quiet) return;
      if (!result.changed) return printLine(ctx.io, `already bound: ${result.casRoot} ↔ ${result.runsDir}`);
      printLine(ctx.io, `bound ${result.casRoot} ↔ ${result.runsDir}`);
      if (result.previousRunsDir) printLine(ctx.io, `(was bound to ${result.previousRunsDir}; its roots no longer protect this store)`);
    });
}
