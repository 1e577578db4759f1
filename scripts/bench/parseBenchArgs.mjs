// Command line of `npm run bench -- ...` (see usage below). Plain parsing, no dependency.
import { usageError } from './benchError.mjs';

export const USAGE = `usage:
  npm run bench -- --suite [--ags DIR] [--runs N]   every corpus and peer of issue 12 in one run, one JSON
  npm run bench -- --check [--ags DIR] [--runs N]   a fresh suite run against the last recorded one: ratios
  npm run bench -- <corpus dir> [--scope S] [--python] [--runs N]   one corpus: pack, peers, floor
  npm run bench -- --scaling [--runs N]             cold and warm pack on repo, node_modules, node_modules ×3
  npm run bench -- --build-corpora                  only (re)build bench/corpus/{repo,node_modules,node_modules-x3}
  npm run bench -- <corpus dir> --profile           one cold and one warm pack under node --cpu-prof; top self times

options:
  --ags DIR           an AGS checkout (W1 = scope ags, W2 = scope repo); without it the suite skips W1 and W2
  --runs N            measured runs per variant, after one warm-up round (default 3)
  --scaling-runs N    with --suite/--check: runs per node_modules corpus (default 1)
  --startup-runs N    with --suite/--check: runs of --version, --help and node -e 0 (default 20)
  --scope S           scope passed to pack (default repo)
  --python            with a corpus: also run the Python packer (the corpus must be an AGS checkout, scope ags)
  --no-repomix        skip the repomix peers (otherwise installed once into bench/.peers/)
  --results-dir DIR   where the JSON goes, and where --check looks (default bench/results)
  --no-results        print the table only, write no JSON
  --pack-bin FILE     the CLI launcher to run with node (default bin/llm-packer.js)
  --pack-arg ARG      one more argument for every pack run (repeatable); the suite adds --zip itself
  --top N             with --profile: how many functions to list (default 25)`;

const VALUE_FLAGS = new Set(['--runs', '--scaling-runs', '--startup-runs', '--scope', '--results-dir', '--pack-bin', '--pack-arg', '--top', '--ags']);
const MODE_FLAGS = new Map([['--suite', 'suite'], ['--check', 'check'], ['--scaling', 'scaling'], ['--build-corpora', 'build-corpora'],
  ['--profile', 'profile'], ['--help', 'help']]);

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

function applyFlag(opts, modes, name, value) {
  if (name === '--runs') opts.runs = positiveInt(name, value);
  else if (name === '--scaling-runs') opts.scalingRuns = positiveInt(name, value);
  else if (name === '--startup-runs') opts.startupRuns = positiveInt(name, value);
  else if (name === '--top') opts.top = positiveInt(name, value);
  else if (name === '--scope') opts.scope = value;
  else if (name === '--ags') opts.ags = value;
  else if (name === '--results-dir') opts.resultsDir = value;
  else if (name === '--pack-bin') opts.packBin = value;
  else if (name === '--pack-arg') opts.packArgs.push(value);
  else if (name === '--no-repomix') opts.repomix = false;
  else if (name === '--python') opts.python = true;
  else if (name === '--no-results') opts.writeResults = false;
  else if (MODE_FLAGS.has(name)) modes.push(MODE_FLAGS.get(name));
  else throw usageError(`unknown option ${name}`);
}

/**
 * @param {string[]} argv the arguments after `node scripts/bench.mjs`
 * @returns {{ mode: 'compare'|'suite'|'check'|'scaling'|'build-corpora'|'profile'|'help', corpus?: string, runs: number,
 *   scalingRuns: number, startupRuns: number, scope: string, repomix: boolean, python: boolean, ags?: string,
 *   resultsDir?: string, writeResults: boolean, packBin?: string, packArgs: string[], top: number }}
 */
export function parseBenchArgs(argv) {
  const { flags, positional } = tokenize(argv);
  const opts = { mode: 'compare', runs: 3, scalingRuns: 1, startupRuns: 20, scope: 'repo', repomix: true, python: false,
    writeResults: true, packArgs: [], top: 25 };
  const modes = [];
  for (const [name, value] of flags) applyFlag(opts, modes, name, value);
  if (modes.includes('help')) return { ...opts, mode: 'help' };
  if (modes.length > 1) throw usageError(`choose one of ${modes.join(', ')}`);
  if (modes.length === 1) opts.mode = modes[0];
  const needsCorpus = opts.mode === 'compare' || opts.mode === 'profile';
  if (needsCorpus && positional.length !== 1) throw usageError('give exactly one corpus folder');
  if (!needsCorpus && positional.length > 0) throw usageError(`--${opts.mode} takes no corpus folder`);
  if (needsCorpus) opts.corpus = positional[0];
  if (opts.python && opts.mode !== 'compare') throw usageError('--python goes with one corpus folder (the suite runs it on W1)');
  return opts;
}
