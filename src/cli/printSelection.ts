import type { PackSummary } from '../index.js';
import type { CliIo } from './io.js';
import { printLine } from './output.js';

/** The summary's selection lines: what was left out by reason, and each secret finding (never the secret). */
export function printSelection(io: CliIo, s: PackSummary): void {
  const reasons = Object.entries(s.leftOut).map(([reason, n]) => `${reason} ${n}`);
  if (reasons.length > 0) printLine(io, `left out  ${reasons.join(', ')} (see meta/OMITTED.json, llm-packer why PATH)`);
  for (const f of s.secrets) {
    const what = f.withheld ? 'WITHHELD' : f.allowed ? 'allowed' : 'listed';
    printLine(io, `secret    ${what} ${f.path}:${f.line} ${f.rule.replace('@secretlint/secretlint-rule-', '')} ${f.fingerprint}`);
  }
}
