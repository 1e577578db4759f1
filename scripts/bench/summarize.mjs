// Statistics, ratios and the targets, computed from the raw runs.

const MIB = 1024 * 1024;

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** {median, min, max} of a non-empty list. */
export function spread(values) {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

const round = (x, digits = 3) => (x === null ? null : Number(x.toFixed(digits)));

/** One variant's runs → wall time (ms) and peak RSS (MiB) spreads; the raw runs are kept. */
export function summarizeVariant(runs) {
  return {
    runs,
    wallMs: spread(runs.map((r) => r.wallMs)),
    maxRssMiB: spread(runs.map((r) => round(r.maxRssKb / 1024, 1))),
  };
}

const ratio = (a, b) => (a === undefined || b === undefined || b === 0 ? null : round(a / b));

/** The ratios the issue asks for, from medians; null when a side was not measured. */
export function compareRatios(variants) {
  const med = (name) => variants[name]?.wallMs.median;
  return {
    coldOverFloor: ratio(med('cold'), med('floor')),
    repomixOverCold: ratio(med('repomix'), med('cold')),
    warmOverCold: ratio(med('warm'), med('cold')),
    warmOverHashOnly: ratio(med('warm'), med('hash-only')),
  };
}

export const RSS_LIMIT_MIB = 200;

/** A target: pass is null when its value could not be measured (e.g. --no-repomix). */
function target(name, value, op, limit) {
  const pass = value === null ? null : op === '<=' ? value <= limit : value >= limit;
  return { name, value, op, limit, pass };
}

export function compareTargets(variants, ratios) {
  const rss = (name) => (variants[name] ? variants[name].maxRssMiB.max : null);
  return [
    target('cold pack ≤ 2× floor', ratios.coldOverFloor, '<=', 2),
    target('repomix ≥ 10× slower than cold pack', ratios.repomixOverCold, '>=', 10),
    target('warm pack ≤ 1.3× hash-only', ratios.warmOverHashOnly, '<=', 1.3),
    target(`peak RSS cold pack ≤ ${RSS_LIMIT_MIB} MiB`, rss('cold'), '<=', RSS_LIMIT_MIB),
    target(`peak RSS warm pack ≤ ${RSS_LIMIT_MIB} MiB`, rss('warm'), '<=', RSS_LIMIT_MIB),
  ];
}

/** Scaling: per corpus cold/warm spreads, ms per MiB of input, and RSS growth largest ÷ smallest. */
export function scalingSummary(rows) {
  const withRates = rows.map((row) => {
    const mib = row.corpus.bytes / MIB;
    return {
      ...row,
      coldMsPerMiB: round(row.cold.wallMs.median / mib, 2),
      warmMsPerMiB: round(row.warm.wallMs.median / mib, 2),
    };
  });
  const first = withRates[0];
  const last = withRates[withRates.length - 1];
  const growth = (v) => ratio(last[v].maxRssMiB.median, first[v].maxRssMiB.median);
  const rssGrowth = { cold: growth('cold'), warm: growth('warm') };
  const worstRss = Math.max(...withRates.flatMap((r) => [r.cold.maxRssMiB.max, r.warm.maxRssMiB.max]));
  const targets = [
    target(`peak RSS ≤ ${RSS_LIMIT_MIB} MiB at every size`, worstRss, '<=', RSS_LIMIT_MIB),
    target('peak RSS cold: largest ÷ smallest ≤ 1.10', rssGrowth.cold, '<=', 1.1),
    target('peak RSS warm: largest ÷ smallest ≤ 1.10', rssGrowth.warm, '<=', 1.1),
  ];
  return { corpora: withRates, rssGrowth, targets };
}
