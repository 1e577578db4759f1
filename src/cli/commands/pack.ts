import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { PackSummary, RunPackOptions } from '../../index.js';
// A constant for help texts: importing it does not load the library (see ../lib.ts).
import { DEFAULT_LIMITS } from '../../scopes/types.js';
import { lib } from '../lib.js';
import { addEntryLimitOption, entryLimitFrom, sizeDefault, wholeNumber } from '../limitOptions.js';

type PackLimits = NonNullable<RunPackOptions['limits']>;
import type { CliContext } from '../io.js';
import { addSelectOptions, readPathList, selectionFrom, type SelectCliFlags } from '../selectOptions.js';
import { printSelection } from '../printSelection.js';
import { addStoreOptions, configFileFrom, storeLocationsFrom } from '../options.js';
import { addRemoteOption, remoteUrlFor } from '../remote.js';
import { printPush, pushAfterPack } from './remote.js';
import { printJson, printLine } from '../output.js';
import { createPackProgress, formatBytes } from '../packProgress.js';
import { addOutputOptions, outputOptionsFrom, printTokenLines, writeFullTo, type OutputFlags } from '../packOutputOptions.js';

interface PackFlags extends SelectCliFlags, OutputFlags {
  stdin?: boolean;
  z?: boolean;
  failOnSecrets?: boolean;
  scope?: string;
  outDir?: string;
  full: boolean;
  split: boolean;
  lite: boolean;
  zip?: boolean;
  stamp?: string;
  casRoot?: string;
  runsDir?: string;
  packsDir?: string;
  config?: string;
  maxTotalBytes?: string;
  maxEntryBytes?: string;
  maxEntries?: string;
  disallowDuplicateHashes?: boolean;
  allowEmpty?: boolean;
  allowUnportablePaths?: boolean;
  json?: boolean;
  quiet?: boolean;
  remote?: string;
}

function limitsFrom(flags: PackFlags): Partial<PackLimits> {
  const limits: Partial<PackLimits> = entryLimitFrom(flags);
  const total = wholeNumber('--max-total-bytes', flags.maxTotalBytes);
  const entries = wholeNumber('--max-entries', flags.maxEntries);
  if (total !== undefined) limits.maxTotalBytes = total;
  if (entries !== undefined) limits.maxEntries = entries;
  if (flags.disallowDuplicateHashes) limits.allowDuplicateHashes = false;
  return limits;
}

function printSummary(ctx: CliContext, s: PackSummary): void {
  const files = (n: number) => `${n} ${n === 1 ? 'file' : 'files'}`;
  printLine(ctx.io, `scope     ${s.scope.key} (${s.scope.title})`);
  printLine(ctx.io, `packed    ${files(s.filesPacked)}, ${formatBytes(s.bytes)}`);
  printTokenLines(ctx, s);
  printLine(ctx.io, `omitted   ${files(s.filesOmitted)} (not text; see meta/REPO_OMITTED_BINARIES.json)`);
  if (s.missingAnchors.length > 0) printLine(ctx.io, `anchors   missing: ${s.missingAnchors.join(', ')}`);
  printLine(ctx.io, `time      ${(s.timingsMs.total / 1000).toFixed(2)} s`);
  printLine(ctx.io, `pack      ${s.outDir}`);
  if (s.archive) printLine(ctx.io, `archive   ${s.archive}`);
  printLine(ctx.io, `manifest  ${s.refs.manifestRef} (audit ${s.refs.verdict})`);
  printSelection(ctx.io, s);
}

export function registerPack(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('pack')
    .description('build a pack of ROOT: meta/, repo/, FULL/, SPLIT/, LITE/ (and archives with --zip)')
    .argument('[root]', 'the folder to pack', '.')
    .option(
      '--scope <name>',
      'ags, lab, cat_cas, repo or a scope from llm-packer.config.json (default: ags when ROOT has AGS buckets, else repo)',
    )
    .option('--out-dir <dir>', 'where the pack goes (default: <packs-dir>/llm-pack-<scope>-<digest12>, plus what differs from the default output: -xml, -t20000, -no-split, …)')
    .option('--no-full', 'do not write FULL/')
    .option('--no-split', 'do not write SPLIT/')
    .option('--no-lite', 'do not write LITE/')
    .option('--zip', 'also write <out dir>.zip: every file of the pack in one deterministic zip')
    .option('--stamp <s>', 'name stamp of the FULL files (default: digest12)');
  addSelectOptions(cmd);
  addRemoteOption(addStoreOptions(cmd, { root: false })).option(
    '--max-total-bytes <n>',
    `refuse to pack more bytes than this (default: ${sizeDefault(DEFAULT_LIMITS.maxTotalBytes)}, or the config's limits)`,
  );
  addEntryLimitOption(cmd)
    .option('--max-entries <n>', `refuse to pack more files than this (default: ${DEFAULT_LIMITS.maxEntries}, or the config's limits)`)
    .option('--disallow-duplicate-hashes', 'refuse two files with the same content')
    .option('--allow-empty', 'write a pack even when the scope selects no file (default: refuse it, exit 1)')
    .option(
      '--allow-unportable-paths',
      'pack names Windows refuses and names differing only by case as they are, one warning each on stderr (default: refuse the pack; config: allowUnportablePaths)',
    )
    .option('--stdin', 'pack only the paths read from standard input, one a line (relative to the current folder)')
    .option('-z', 'with --stdin: paths are NUL-separated (git ls-files -z, find -print0)')
    .option('--fail-on-secrets', 'exit 1 when a file was withheld for a secret (the pack is still written)')
    .option('--json', 'print the run summary as JSON on stdout');
  addOutputOptions(cmd)
    .option('--quiet', 'print nothing on success (errors still go to stderr)')
    .action(async (root: string, flags: PackFlags) => {
      const abs = (p: string | undefined) => (p === undefined ? undefined : resolve(ctx.io.cwd, p));
      const quiet = flags.quiet === true;
      // With --json a program reads the result: no scope line, so a failure is its one error line.
      const display = createPackProgress(ctx.io, { bar: ctx.io.stderr.isTTY === true && !quiet, quiet: quiet || flags.json === true });
      const absRoot = resolve(ctx.io.cwd, root);
      if (flags.z && !flags.stdin) throw new (lib().PackerError)('USAGE', ' -z only goes with --stdin');
      const paths = flags.stdin ? await readPathList(ctx.io, absRoot, flags.z === true) : undefined;
      const configFile = await configFileFrom(flags, ctx.io);
      let summary: PackSummary;
      try {
        summary = await lib().runPack({
          root: absRoot,
          select: selectionFrom(flags, paths),
          ...(flags.scope !== undefined ? { scope: flags.scope } : {}),
          ...(flags.outDir !== undefined ? { outDir: abs(flags.outDir) as string } : {}),
          modes: { full: flags.full, split: flags.split, lite: flags.lite },
          zip: flags.zip === true,
          ...(flags.stamp !== undefined ? { stamp: flags.stamp } : {}),
          ...(flags.casRoot !== undefined ? { casRoot: abs(flags.casRoot) as string } : {}),
          ...(flags.runsDir !== undefined ? { runsDir: abs(flags.runsDir) as string } : {}),
          ...(flags.packsDir !== undefined ? { packsDir: abs(flags.packsDir) as string } : {}),
          ...(configFile !== undefined ? { configFile } : {}),
          limits: limitsFrom(flags),
          allowEmpty: flags.allowEmpty === true,
          ...(flags.allowUnportablePaths ? { allowUnportablePaths: true } : {}),
          ...outputOptionsFrom(flags),
          onProgress: (e) => display.onProgress(e),
          ...(ctx.io.signal ? { signal: ctx.io.signal } : {}),
        });
      } finally {
        display.stop();
      }
      // One line per warning (an unportable path packed as it is); --json lists them too.
      if (!quiet) for (const w of summary.warnings) ctx.io.stderr.write(`warning: ${w}\n`);
      // With --stdout, standard output holds the FULL text alone; the summary goes to stderr.
      const report = flags.stdout ? { ...ctx, io: { ...ctx.io, stdout: ctx.io.stderr } } : ctx;
      if (flags.stdout && summary.fullFile) await writeFullTo(ctx.io.stdout, summary.fullFile);
      const url = await remoteUrlFor(flags, ctx.io, resolve(ctx.io.cwd, root));
      const pushed = url === undefined ? undefined : await pushAfterPack(report, url, await storeLocationsFrom({ ...flags, scope: summary.scope.key }, ctx.io, root), summary.refs.statusRef, summary.outDir);
      if (flags.json) printJson(report.io, pushed ? { ...summary, remote: pushed } : summary);
      else if (!quiet) {
        printSummary(report, summary);
        if (pushed) printPush(report, pushed);
      }
      if (flags.failOnSecrets && summary.secrets.some((f) => f.withheld)) {
        const err = new (lib().PackerError)('SECRETS_WITHHELD', ' files were withheld for secrets (see meta/SECRETS.json); the pack was written');
        ctx.io.stderr.write(`${err.message}\n`);
        ctx.exitCode = err.exitCode;
      }
    });
}
