// Command line of `npm run bench -- ...` (see usage below). Plain parsing, no dependency.
import { usageError } from './benchError.mjs';

export const USAGE = `usage:
  npm run bench -- <corpus dir> [--runs N] [--scope S] [--no-repomix] [--results-dir DIR]
  npm run bench -- --scaling [--runs N] [--scope S] [--results-dir DIR]
  npm run bench -- --build-corpora          only (re)build bench/corpus/{repo,node_modules,node_modules-x3}
  npm run bench -- <corpus dir> --profile   one cold and one warm pack under node --cpu-prof; top self times

options:
  --runs N            measured runs per variant, after one warm-up round (default 5)
  --scope S           scope passed to pack (default repo)
  --no-repomix        skip the repomix variant
  --results-dir DIR   where the JSON goes (default bench/results)
  --no-results        print the table only, write no JSON
  --pack-bin FILE     the CLI launcher to run with node (default bin/llm-packer.js)
  --pack-arg ARG      one more argument for every pack run (repeatable), e.g. --pack-arg=--zip
  --top N             with --profile: how many functions to list (default 25)`;

const VALUE_FLAGS = new Set(['--runs', '--scope', '--results-dir', '--pack-bin', '--pack-arg', '--top']);

function positiveInt(name, text) {
  if (!/^[1-9][0-9]*$/.test(text)) throw usageError(`${name} wants a positive integer, got '${text}'`);
  return Number(text);
}

/** Split `--flag=value` and `--flag value` into [flag, value] pairs; bare words are positional. */
function tokenize(argv) {
  const flags = [];
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    if (!VALUE_FLAGS.has(name)) {
      if (eq !== -1) throw usageError(`${name} takes no value`);
      flags.push([name, undefined]);
      continue;
    }
    const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined) throw usageError(`${name} needs a value`);
    flags.push([name, value]);
  }
  return { flags, positional };
}

/**
 * @param {string[]} argv the arguments after `node scripts/bench.mjs`
 * @returns {{ mode: 'compare'|'scaling'|'build-corpora'|'profile'|'help', corpus?: string, runs: number,
 *   scope: string, repomix: boolean, resultsDir?: string, writeResults: boolean, packBin?: string,
 *   packArgs: string[], top: number }}
 */
export function parseBenchArgs(argv) {
  const { flags, positional } = tokenize(argv);
  const opts = { mode: 'compare', runs: 5, scope: 'repo', repomix: true, writeResults: true, packArgs: [], top: 25 };
  const modes = [];
  for (const [name, value] of flags) {
    if (name === '--runs') opts.runs = positiveInt(name, value);
    else if (name === '--top') opts.top = positiveInt(name, value);
    else if (name === '--scope') opts.scope = value;
    else if (name === '--results-dir') opts.resultsDir = value;
    else if (name === '--pack-bin') opts.packBin = value;
    else if (name === '--pack-arg') opts.packArgs.push(value);
    else if (name === '--no-repomix') opts.repomix = false;
    else if (name === '--no-results') opts.writeResults = false;
    else if (name === '--scaling') modes.push('scaling');
    else if (name === '--build-corpora') modes.push('build-corpora');
    else if (name === '--profile') modes.push('profile');
    else if (name === '--help') modes.push('help');
    else throw usageError(`unknown option ${name}`);
  }
  if (modes.includes('help')) return { ...opts, mode: 'help' };
  if (modes.length > 1) throw usageError(`choose one of ${modes.join(', ')}`);
  if (modes.length === 1) opts.mode = modes[0];
  const needsCorpus = opts.mode === 'compare' || opts.mode === 'profile';
  if (needsCorpus && positional.length !== 1) throw usageError('give exactly one corpus folder');
  if (!needsCorpus && positional.length > 0) throw usageError(`--${opts.mode} takes no corpus folder`);
  if (needsCorpus) opts.corpus = positional[0];
  return opts;
}
