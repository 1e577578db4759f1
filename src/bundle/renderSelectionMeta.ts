import { prettyJson } from '../util/index.js';
import type { BundleContext } from './types.js';

/**
 * meta/OMITTED.json: every path of the root that is not in the pack, with the reason (see
 * OmitReason): the rule, where it was written and on which line. A folder the walk did not enter
 * ends with `/` and stands for everything inside it. `llm-packer why PATH` prints one entry.
 */
export function renderOmittedReasons(ctx: BundleContext): string {
  return prettyJson({ files: ctx.reasons.map((e) => ({ ...e })) });
}

/**
 * meta/SECRETS.json: every secret secretlint found — path, line, rule id and fingerprint, never
 * the secret — and whether its file was withheld or let through by the config's allowlist.
 */
export function renderSecrets(ctx: BundleContext): string {
  return prettyJson({
    findings: ctx.secrets.map((f) => ({ ...f })),
    withheld: new Set(ctx.secrets.filter((f) => f.withheld).map((f) => f.path)).size,
  });
}
