/**
 * `llm-packer verify <pack>`: a list of named steps, each returning part of one report (as
 * cacache's verify reads). First the pack against its seal, file by file; then the seal against
 * the store and the run ledger, the archive beside the pack against the ledger; then everything
 * the run recorded — manifest, RUN_REFS, records, payloads, roots and a full Mode B audit. A step
 * whose store or runs dir is not at hand is skipped and says so; the pack holds only if every step
 * ran and passed. With a team store (`remote`), the run is checked as the remote holds it.
 */
import { recoverPublish } from '../packdir/index.js';
import { assertAbsolute, isPackerError } from '../util/index.js';
import { CheckFailure } from './checkFailure.js';
import { filesStep, sealStep } from './packSteps.js';
import {
  auditStep,
  manifestInStoreStep,
  manifestStep,
  outputHashesStep,
  payloadsStep,
  rootsStep,
  runRefsStep,
  statusStep,
  taskSpecStep,
} from './recordSteps.js';
import { fetchRun } from './fetchRun.js';
import { archiveStep, ledgerStep, sealInStoreStep } from './runSteps.js';
import type { VerifyCheck, VerifyOptions, VerifyReport, VerifyState, VerifyStep } from './types.js';

const VERIFY_STEPS: readonly VerifyStep[] = [
  sealStep,
  filesStep,
  sealInStoreStep,
  ledgerStep,
  archiveStep,
  runRefsStep,
  manifestStep,
  manifestInStoreStep,
  statusStep,
  taskSpecStep,
  outputHashesStep,
  payloadsStep,
  rootsStep,
  auditStep,
];

/** What a step needs that is not at hand, if anything. */
function missing(step: VerifyStep, state: VerifyState): string | undefined {
  for (const need of step.needs) {
    if (need === 'cas' && !state.options.cas) return 'no store (pass --cas-root)';
    if (need === 'runs' && !state.options.runsDir && !state.options.remote) return 'no runs dir (pass --runs-dir, or --remote for a team store)';
    if (need === 'seal' && !state.seal) return 'no valid seal';
    if (need === 'refs' && !state.refs) return 'no run refs';
    if (need === 'manifest' && !state.manifest) return 'no valid manifest';
  }
  return undefined;
}

async function runStep(step: VerifyStep, state: VerifyState): Promise<VerifyCheck> {
  const lacking = missing(step, state);
  if (lacking) return { name: step.name, ok: false, skipped: true, detail: `not checked: ${lacking}` };
  try {
    return { name: step.name, ok: true, detail: await step.run(state) };
  } catch (err) {
    if (err instanceof CheckFailure) {
      if (err.code === 'VERIFY_INCOMPLETE') return { name: step.name, ok: false, skipped: true, detail: `not checked: ${err.summary}` };
      return { name: step.name, ok: false, code: err.code, detail: err.summary, ...(err.problems.length ? { problems: err.problems } : {}) };
    }
    if (isPackerError(err)) return { name: step.name, ok: false, code: err.code, detail: err.message };
    return { name: step.name, ok: false, code: 'VERIFY_FAILED', detail: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * Check a pack (`llm-packer verify`): every file against the seal, the seal against the store and
 * the run ledger, the zip beside the pack against the ledger, then the manifest, the run records,
 * the payloads, the roots and a full Mode B audit. A step whose store or runs dir is not given is
 * reported as skipped. Verifying never changes the pack, the store or the runs dir (except to
 * settle a publish a crash interrupted).
 *
 * @param options - The pack folder (absolute) and, to check everything, its store and runs dir.
 * @returns The report: `ok` when every step ran and passed, `complete` when none was skipped. A
 *   failed check is reported, not thrown.
 * @throws {@link PackerError} `USAGE` for a relative path; an I/O error that is not about the pack.
 * @example
 * ```ts
 * import { openCas, resolveStoreLocations, verifyPack } from 'llm-packer';
 *
 * const store = await resolveStoreLocations({ root: '/home/me/project' });
 * const report = await verifyPack({ packDir, cas: openCas(store.casRoot), runsDir: store.runsDir });
 * for (const check of report.checks.filter((c) => !c.ok)) console.error(check.name, check.detail);
 * ```
 */
export async function verifyPack(options: VerifyOptions): Promise<VerifyReport> {
  assertAbsolute('packDir', options.packDir);
  assertAbsolute('runsDir', options.runsDir);
  assertAbsolute('root', options.root);
  // A publish a crash interrupted is settled first: the pack is the previous one or the new one.
  await recoverPublish(options.packDir);
  const state: VerifyState = { options };
  const checks: VerifyCheck[] = [];
  for (const step of VERIFY_STEPS) {
    // With a team store, what the run needs comes down into the cache once the seal names the run.
    if (step === sealInStoreStep) await fetchRun(state);
    checks.push(await runStep(step, state));
  }
  return { pack: options.packDir, ok: checks.every((c) => c.ok), complete: !checks.some((c) => c.skipped), checks };
}
