/** The pack flags of output style, token counting and git context, and `--stdout`. */
import { createReadStream } from 'node:fs';
import type { Command } from 'commander';
import { OUTPUT_STYLES, PackerError, TOKEN_ENCODINGS, type PackSummary, type RunPackOptions } from '../index.js';
import { parseOutputStyle } from '../bundle/index.js';
import { parseTokenEncoding } from '../tokens/index.js';
import { isErrno } from '../util/index.js';
import type { CliContext, OutStream } from './io.js';
import { printLine } from './output.js';

export interface OutputFlags {
  style?: string;
  encoding?: string;
  splitTokens?: string;
  tokenBudget?: string;
  includeDiff?: boolean;
  includeLog?: string;
  stdout?: boolean;
}

export function addOutputOptions(cmd: Command): Command {
  return cmd
    .option('--style <style>', `style of FULL and SPLIT: ${OUTPUT_STYLES.join(', ')} (default: markdown)`)
    .option('--encoding <name>', `tokenizer of every token count: ${TOKEN_ENCODINGS.join(', ')} (default: o200k_base)`)
    .option('--split-tokens <n>', 'SPLIT into numbered parts of at most N tokens each (instead of sections)')
    .option('--token-budget <n>', 'publish nothing (exit 1) when FULL would hold more than N tokens')
    .option('--include-diff', "add the working tree's diff against HEAD to FULL")
    .option('--include-log <n>', 'add the last N commits (subject, author, date, files) to FULL')
    .option('--stdout', 'write the FULL text to standard output (the summary goes to stderr)');
}

function whole(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new PackerError('USAGE', ` ${flag} ${JSON.stringify(value)}: expected a whole number`);
  }
  return Number(value);
}

/** The run options these flags set (unset flags leave the config's values). */
export function outputOptionsFrom(flags: OutputFlags & { full: boolean }): Partial<RunPackOptions> {
  if (flags.stdout && !flags.full) throw new PackerError('USAGE', ' --stdout writes the FULL text: it cannot go with --no-full');
  const splitTokens = whole('--split-tokens', flags.splitTokens);
  const tokenBudget = whole('--token-budget', flags.tokenBudget);
  const includeLog = whole('--include-log', flags.includeLog);
  return {
    ...(flags.style !== undefined ? { style: parseOutputStyle(flags.style) } : {}),
    ...(flags.encoding !== undefined ? { encoding: parseTokenEncoding(flags.encoding) } : {}),
    ...(splitTokens !== undefined ? { splitTokens } : {}),
    ...(tokenBudget !== undefined ? { tokenBudget } : {}),
    ...(flags.includeDiff ? { includeDiff: true } : {}),
    ...(includeLog !== undefined ? { includeLog } : {}),
  };
}

/** The summary's token lines: the exact total and the largest files. */
export function printTokenLines(ctx: CliContext, s: PackSummary): void {
  const t = s.tokens;
  const where = s.modes.includes('FULL') ? 'in FULL' : 'in all (FULL itself not written)';
  printLine(ctx.io, `tokens    ${t.total} ${where} (${t.encoding}; ${t.cache.hits} file counts from the cache, ${t.cache.misses} counted)`);
  if (t.estimated > 0) {
    printLine(ctx.io, `          ${t.estimated} text(s) estimated, not counted: a run of 2048+ characters of one kind (a long line of one character, NUL bytes)`);
  }
  for (const f of t.largest) printLine(ctx.io, `          ${String(f.tokens).padStart(9)}  ${f.path}`);
  if (t.split.length > 0 && s.modes.includes('SPLIT')) {
    const most = Math.max(...t.split.map((p) => p.tokens));
    printLine(ctx.io, `split     ${t.split.length} ${t.split.length === 1 ? 'file' : 'files'}, the largest ${most} tokens`);
  }
}

interface Pipe {
  on?(event: string, fn: (...args: unknown[]) => void): unknown;
  once?(event: string, fn: (...args: unknown[]) => void): unknown;
}

/**
 * Copies the FULL file to `out`, waiting when it is full. A reader that goes away (`| head`)
 * ends the copy quietly: EPIPE is the reader's choice, not a failure of the pack.
 */
export async function writeFullTo(out: OutStream, path: string): Promise<void> {
  const pipe = out as OutStream & Pipe;
  let closed = false;
  let wake: (() => void) | undefined;
  // Stays attached: the error of a closed pipe can arrive after the last write.
  pipe.on?.('error', (err) => {
    if (!isErrno(err, 'EPIPE')) throw err;
    closed = true;
    wake?.();
  });
  for await (const chunk of createReadStream(path)) {
    if (closed) break;
    if (out.write(chunk as Buffer) === false && pipe.once) {
      await new Promise<void>((resolve) => {
        const go = () => resolve();
        wake = go;
        pipe.once?.('drain', go);
        pipe.once?.('close', go);
      });
      wake = undefined;
    }
  }
}
