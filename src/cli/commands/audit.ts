import type { Command } from 'commander';
import type { AuditReceipt } from '../../index.js';
import { lib } from '../lib.js';
import type { CliContext } from '../io.js';
import { addStoreOptions, storeLocationsFrom, type StoreFlags } from '../options.js';
import { printJson, printLine } from '../output.js';
import { addRemoteOption, remoteUrlFor, type RemoteFlags } from '../remote.js';
import { remoteAuditAction } from './remote.js';

type Flags = StoreFlags & RemoteFlags & { outputHashes?: string; full?: boolean; json?: boolean };

function printReceipt(ctx: CliContext, receipt: AuditReceipt): void {
  const sources = receipt.root_sources.map((s) => `${s.path}${s.exists ? '' : ' (missing)'}`);
  printLine(ctx.io, `roots: ${receipt.roots_count} (${sources.join(', ')})`);
  const { required_check: check } = receipt;
  if (check.enabled) {
    const corrupt = receipt.required_corrupt ? `, corrupt ${receipt.required_corrupt.length}` : '';
    printLine(
      ctx.io,
      `required: ${receipt.required_total} from OUTPUT_HASHES ${check.output_hashes_record}: missing ${receipt.required_missing.length}, unrooted ${receipt.required_unreachable.length}${corrupt}`,
    );
  }
  for (const h of receipt.required_missing) printLine(ctx.io, `missing ${h}`);
  for (const h of receipt.required_unreachable) printLine(ctx.io, `unrooted ${h}`);
  for (const h of receipt.required_corrupt ?? []) printLine(ctx.io, `corrupt ${h}`);
  const rooted = receipt.rooted_corrupt?.filter((h) => !receipt.required_corrupt?.includes(h)) ?? [];
  for (const h of rooted) printLine(ctx.io, `corrupt ${h} (rooted)`);
  const gone = receipt.rooted_missing?.filter((h) => !receipt.required_missing.includes(h)) ?? [];
  for (const h of gone) printLine(ctx.io, `missing ${h} (rooted)`);
  printLine(ctx.io, `audit: ${receipt.verdict}`);
}

export function registerAudit(program: Command, ctx: CliContext): void {
  addRemoteOption(addStoreOptions(
    program
      .command('audit')
      .description('root audit: the roots are readable and not empty; with --output-hashes, every listed object is stored and rooted'),
  ))
    .option('--output-hashes <hash>', 'Mode B: the OUTPUT_HASHES record (sha256:<hex> or hex) whose objects must be rooted')
    .option('--full', 'also check that every rooted object is stored and rehash it (and, in Mode B, every listed one)')
    .option('--json', 'print the receipt as JSON')
    .action(async (flags: Flags) => {
      const where = await storeLocationsFrom(flags, ctx.io);
      const url = await remoteUrlFor(flags, ctx.io, where.root);
      if (url !== undefined) {
        const outputHashes = flags.outputHashes === undefined ? {} : { outputHashes: lib().parseHashInput(flags.outputHashes, '--output-hashes') };
        return remoteAuditAction(ctx, url, where.casRoot, { ...outputHashes, full: flags.full === true, json: flags.json === true });
      }
      const receipt = await lib().rootAudit({
        cas: lib().openCas(where.casRoot),
        runsDir: where.runsDir,
        root: where.root,
        ...(flags.outputHashes !== undefined ? { outputHashesRef: lib().parseHashInput(flags.outputHashes, '--output-hashes') } : {}),
        full: flags.full === true,
      });
      if (flags.json) printJson(ctx.io, receipt);
      else printReceipt(ctx, receipt);
      for (const e of receipt.errors) ctx.io.stderr.write(`${e}\n`);
      if (receipt.verdict !== 'PASS') ctx.exitCode = 1;
    });
}
