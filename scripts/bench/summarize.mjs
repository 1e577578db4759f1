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

export const CURRENT_REPOMIX = 'repomix-1.18.1';
/** A peer's variant with a token cache an earlier run filled (the plain name runs with an empty one). */
export const REPOMIX_CACHED_SUFFIX = '-cached';

/** The ratios the issue asks for, from medians; null when a side was not measured. */
export function compareRatios(variants) {
  const med = (name) => variants[name]?.wallMs.median;
  const rss = (name) => variants[name]?.maxRssMiB.median;
  return {
    coldOverFloor: ratio(med('cold'), med('floor')),
    warmOverFloor: ratio(med('warm'), med('floor')),
    repomixOverCold: ratio(med(CURRENT_REPOMIX), med('cold')),
    repomixCachedOverWarm: ratio(med(`${CURRENT_REPOMIX}${REPOMIX_CACHED_SUFFIX}`), med('warm')),
    repomix114OverCold: ratio(med('repomix-1.14.0'), med('cold')),
    pythonOverCold: ratio(med('python'), med('cold')),
    coldRssOverRepomixRss: ratio(rss('cold'), rss(CURRENT_REPOMIX)),
  };
}

export const RSS_LIMIT_MIB = 150;

/** A target: pass is null when its value could not be measured (e.g. --no-repomix). */
export function target(name, value, op, limit) {
  const pass = value === null || value === undefined ? null : op === '<=' ? value <= limit : value >= limit;
  return { name, value: value ?? null, op, limit, pass };
}

/** Issue 12's targets for one corpus (all of them; the suite reports those that apply). */
export function compareTargets(corpus, variants, ratios) {
  const rss = (name) => (variants[name] ? variants[name].maxRssMiB.max : null);
  return [
    target(`${corpus}: cold pack ≤ 1.5× floor`, ratios.coldOverFloor, '<=', 1.5),
    target(`${corpus}: warm repack ≤ 1.2× floor`, ratios.warmOverFloor, '<=', 1.2),
    target(`${corpus}: repomix 1.18.1 ≥ 5× slower than cold pack`, ratios.repomixOverCold, '>=', 5),
    target(`${corpus}: repomix 1.18.1 cached ≥ 5× slower than warm repack`, ratios.repomixCachedOverWarm, '>=', 5),
    target(`${corpus}: peak RSS cold ≤ ${RSS_LIMIT_MIB} MiB`, rss('cold'), '<=', RSS_LIMIT_MIB),
    target(`${corpus}: peak RSS warm ≤ ${RSS_LIMIT_MIB} MiB`, rss('warm'), '<=', RSS_LIMIT_MIB),
    target(`${corpus}: cold RSS ≤ ⅓ of repomix 1.18.1's`, ratios.coldRssOverRepomixRss, '<=', 1 / 3),
  ];
}

/** Scaling: per corpus cold/warm spreads, ms per MiB of input, and RSS growth node_modules ×3 ÷ ×1. */
export function scalingSummary(rows) {
  const withRates = rows.map((row) => {
    const mib = row.corpus.bytes / MIB;
    return {
      ...row,
      coldMsPerMiB: round(row.cold.wallMs.median / mib, 2),
      warmMsPerMiB: round(row.warm.wallMs.median / mib, 2),
    };
  });
  // node_modules ×3 against ×1: the same kind of tree, three times the files and bytes.
  const first = withRates.find((r) => r.corpus.name === 'node_modules') ?? withRates[0];
  const last = withRates[withRates.length - 1];
  const growth = (v) => ratio(last[v].maxRssMiB.median, first[v].maxRssMiB.median);
  const rssGrowth = { cold: growth('cold'), warm: growth('warm') };
  const worstRss = Math.max(...withRates.flatMap((r) => [r.cold.maxRssMiB.max, r.warm.maxRssMiB.max]));
  const targets = [
    target(`peak RSS ≤ ${RSS_LIMIT_MIB} MiB at every size`, worstRss, '<=', RSS_LIMIT_MIB),
    target('peak RSS cold: node_modules ×3 ÷ ×1 ≤ 1.2', rssGrowth.cold, '<=', 1.2),
    target('peak RSS warm: node_modules ×3 ÷ ×1 ≤ 1.2', rssGrowth.warm, '<=', 1.2),
  ];
  return { corpora: withRates, rssGrowth, targets };
}
