/**
 * `runPack` in its own process with a tripwire on the calls that make a run's steps durable: it
 * SIGKILLs itself just before the n-th `rename` (or `rm`) whose target matches a pattern, so a
 * test can stop a pack exactly between two steps (between the two renames of publish, say).
 *
 *   packKillChild.js <library URL> '<RunPackOptions as JSON>' [<rename|rm> <regex> <n>]
 *
 * Without a tripwire it runs to the end and prints every rename and rm it made, one
 * `<op>\t<target>` line each, then `done`. The library itself is untouched: the wrapping happens
 * here, on node's own fs/promises, before the library (the built one: no TypeScript loader to
 * start) is loaded. It runs as plain JavaScript made by `transpileForChild`.
 */
import { createRequire, syncBuiltinESMExports } from 'node:module';

type Op = 'rename' | 'rm';

const require = createRequire(import.meta.url);
const fsp = require('node:fs/promises') as Record<Op, (...args: unknown[]) => Promise<unknown>>;
const [libraryUrl, optionsJson, killOp, killPattern, killNth] = process.argv.slice(2) as [string, string, Op?, string?, string?];
const tripwire = killOp ? { op: killOp, re: new RegExp(killPattern ?? ''), n: Number(killNth) } : undefined;
let seen = 0;
const log: string[] = [];

function wrap(op: Op, targetArg: number): void {
  const original = fsp[op];
  fsp[op] = (...args: unknown[]) => {
    const target = String(args[targetArg]);
    log.push(`${op}\t${target}`);
    if (tripwire && tripwire.op === op && tripwire.re.test(target) && ++seen === tripwire.n) {
      process.kill(process.pid, 'SIGKILL');
    }
    return original(...args);
  };
}
wrap('rename', 1);
wrap('rm', 0);
syncBuiltinESMExports();

const { runPack } = (await import(libraryUrl)) as typeof import('../../src/index.js');
const summary = await runPack(JSON.parse(optionsJson));
process.stdout.write(`${log.join('\n')}\ndone ${summary.refs.verdict}\n`);
