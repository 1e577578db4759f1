/**
 * A collector in its own process, for the SIGKILL test: `gcChild.ts <casRoot> <runsDir>` runs
 * `gc --apply --grace 0` and prints `sweeping` when the sweep starts and `finished` at the end.
 */
import { openCas } from '../../src/cas/index.js';
import { runGc } from '../../src/gc/index.js';

const [casRoot, runsDir] = process.argv.slice(2) as [string, string];
let announced = false;
const report = await runGc({
  cas: openCas(casRoot),
  runsDir,
  apply: true,
  graceMs: 0,
  onProgress: (p) => {
    if (p.phase === 'sweep' && !announced) {
      announced = true;
      process.stdout.write('sweeping\n');
    }
  },
});
process.stdout.write(`finished ${report.deleted_hashes.length}\n`);
