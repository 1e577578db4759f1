import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { GcReport } from '../../index.js';
import { lib } from '../lib.js';
import type { CliContext } from '../io.js';
import { addStoreOptions, storeLocationsFrom, type StoreFlags } from '../options.js';
import { printJson, printLine } from '../output.js';
import { addRemoteOption, remoteUrlFor, type RemoteFlags } from '../remote.js';
import { remoteGcAction } from './remote.js';

type Flags = StoreFlags & RemoteFlags & { apply?: boolean; allowEmptyRoots?: boolean; grace: string; json?: boolean };

function parseGraceSeconds(text: string): number {
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text) * 1000)) {
    throw new (lib().PackerError)('USAGE', ` --grace takes a whole number of seconds, not ${JSON.stringify(text)}`);
  }
  return Number(text);
}

function printReport(ctx: CliContext, report: GcReport): void {
  const dry = report.mode === 'dry_run';
  printLine(ctx.io, dry ? 'gc: dry run (nothing deleted; --apply deletes)' : 'gc: apply');
  printLine(ctx.io, `roots: ${report.roots_count} (${report.root_sources.join(', ')})`);
  printLine(
    ctx.io,
    `candidates: ${report.candidate_hashes_count}, skipped: ${report.skipped_hashes.length}, deleted: ${report.deleted_hashes.length} (grace ${report.grace_seconds} s)`,
  );
  const skipped = new Set(report.skipped_hashes.map((s) => s.hash));
  for (const s of report.skipped_hashes) printLine(ctx.io, `skip ${s.hash} (${s.reason})`);
  if (dry) for (const h of report.candidate_hashes) if (!skipped.has(h)) printLine(ctx.io, `would delete ${h}`);
  for (const h of report.deleted_hashes) printLine(ctx.io, `deleted ${h}`);
}

export function registerGc(program: Command, ctx: CliContext): void {
  addRemoteOption(addStoreOptions(
    program.command('gc').description('delete every object that is not a root (Policy B); a dry run unless --apply'),
  ))
    .option('--apply', 'delete (default: only report)')
    .option('--allow-empty-roots', 'allow a collection with zero roots (deletes every object out of grace)')
    .option('--grace <seconds>', 'never delete objects written or reused this recently', '3600')
    .option('--json', 'print the report as JSON')
    .action(async (flags: Flags) => {
      const graceSeconds = parseGraceSeconds(flags.grace);
      const url = await remoteUrlFor(flags, ctx.io, resolve(ctx.io.cwd, flags.root ?? '.'));
      if (url !== undefined) {
        const opts = { apply: flags.apply === true, graceMs: graceSeconds * 1000, allowEmptyRoots: flags.allowEmptyRoots === true };
        return remoteGcAction(ctx, url, { ...opts, json: flags.json === true });
      }
      const where = await storeLocationsFrom(flags, ctx.io);
      const report = await lib().runGc({
        cas: lib().openCas(where.casRoot),
        runsDir: where.runsDir,
        apply: flags.apply === true,
        allowEmptyRoots: flags.allowEmptyRoots === true,
        graceMs: graceSeconds * 1000,
      });
      if (flags.json) printJson(ctx.io, report);
      else printReport(ctx, report);
      for (const e of report.errors) ctx.io.stderr.write(`${e}\n`);
      if (report.errors.length > 0) ctx.exitCode = 1;
    });
}
