import { secretFingerprint } from './secretFingerprint.js';

/** A finding before the policy (withhold, allow) is applied. */
export interface RawFinding {
  line: number;
  rule: string;
  fingerprint: string;
}

type LintSource = typeof import('@secretlint/core').lintSource;
type SecretLintCoreConfig = Parameters<LintSource>[0]['options']['config'];

let loaded: Promise<{ lintSource: LintSource; config: SecretLintCoreConfig }> | undefined;

/**
 * secretlint and its recommended rules, loaded once, on the first scan (a run without scan never
 * pays for it). secretlint's profiler is switched off: it puts about 36 performance marks per file
 * in a list it never empties and searches that list at every mark, so a scan of n files costs
 * O(n²) (100 000 files ran for more than 15 minutes; 5 000 cost 2.5× the time per file of a
 * profiler-free scan) and its detached measures can throw. We never read its figures.
 */
function loadSecretlint(): Promise<{ lintSource: LintSource; config: SecretLintCoreConfig }> {
  loaded ??= Promise.all([
    import('@secretlint/core'),
    import('@secretlint/secretlint-rule-preset-recommend'),
    import('@secretlint/profiler'),
  ]).then(([core, preset, profiler]) => {
    profiler.secretLintProfiler.mark = () => undefined;
    return {
      lintSource: core.lintSource,
      config: { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: preset.creator }] },
    };
  });
  return loaded;
}

function extOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot) : '';
}

/**
 * The name secretlint is given for a path. Its profiler (switched off in `loadSecretlint`) read
 * marks named `…||<filePath>` back with `/(.*?)::end(\|\|.*)?/`, which a line break or `::end` in
 * a name broke, killing the process; those characters still become `_`, in case it is ever on.
 * The rules only look at the name's end (`.npmrc`, `package.json`), which keeps its other characters.
 */
function secretlintFilePath(path: string): string {
  return `/${path.replace(/[\r\n\u2028\u2029:]/g, '_')}`;
}

/**
 * secretlint's recommended rules over one text. `path` (relative to the packed root) names the
 * file for the rules that look at names and goes into the fingerprint. Findings are sorted by
 * line, then rule, then fingerprint; one secret reported twice by a rule counts once. `firstLine`
 * is the line number of the text's first line in its file (a chunk of a large file).
 */
export async function scanText(content: string, path: string, firstLine = 1): Promise<RawFinding[]> {
  const { lintSource, config } = await loadSecretlint();
  const result = await lintSource({
    source: { content, filePath: secretlintFilePath(path), ext: extOf(path), contentType: 'text' },
    options: { config, maskSecrets: true, noPhysicFilePath: false },
  });
  const seen = new Map<string, RawFinding>();
  for (const m of result.messages) {
    const secret = content.slice(m.range[0], m.range[1]);
    const finding = { line: m.loc.start.line + firstLine - 1, rule: m.ruleId, fingerprint: secretFingerprint(m.ruleId, path, secret) };
    seen.set(finding.fingerprint, finding);
  }
  return [...seen.values()].sort(byPosition);
}

/** The order findings are reported in: by line, then rule, then fingerprint. */
export function byPosition(a: RawFinding, b: RawFinding): number {
  return a.line - b.line || cmp(a.rule, b.rule) || cmp(a.fingerprint, b.fingerprint);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
