/** One secret secretlint found: where and which rule, never the secret itself. */
export interface SecretFinding {
  /** Relative to the packed root, `/`-separated. */
  path: string;
  /** 1-based line where the secret starts. */
  line: number;
  /** The secretlint rule id (`@secretlint/secretlint-rule-github`). */
  rule: string;
  /** See `secretFingerprint`. */
  fingerprint: string;
  /** The file was kept out of the pack (false: listed only, or allowed by the config). */
  withheld: boolean;
  /** The fingerprint is in the config's allowlist. */
  allowed: boolean;
}

/**
 * What to do with secrets: `withhold` files with a finding (the default), only `list` findings
 * (the AGS scopes' default, so they stay byte-identical), or `off` (no scan).
 */
export type SecretMode = 'withhold' | 'list' | 'off';
