import { prettyJson } from '../util/index.js';
import { digestRows } from './computePackDigest.js';
import { estimateTokens } from './normalizeText.js';
import { packPaths } from '../packdir/index.js';
import type { BundleContext } from './types.js';

/** Pack format of meta/*.json; bumped when a field changes meaning. */
const PACK_FORMAT = 1;

function repoStateJson(ctx: BundleContext): Record<string, string> {
  return Object.fromEntries(Object.entries(ctx.repoState).filter(([, v]) => typeof v === 'string'));
}

function totalBytes(ctx: BundleContext): number {
  return ctx.files.reduce((n, f) => n + f.bytes, 0);
}

/** meta/FILE_INDEX.json: path (in the pack), size and SHA-256 of every packed file. */
export function renderFileIndex(ctx: BundleContext): string {
  return prettyJson({ files: digestRows(ctx.files) });
}

/** meta/REPO_STATE.json: the git state, every packed file, and the digest over them. */
export function renderRepoState(ctx: BundleContext): string {
  return prettyJson({
    digest: ctx.digest,
    digest_rule: 'sha256 of the canonical JSON of files (bytes, path, sha256; pack order)',
    files: digestRows(ctx.files),
    repo_state: repoStateJson(ctx),
  });
}

/** The files each output mode wrote, relative to the pack folder. */
function listOutputs(ctx: BundleContext): Record<string, string[]> {
  const { prefix } = ctx.scope;
  const out: Record<string, string[]> = {};
  if (ctx.modes.includes('FULL')) out.full = [packPaths.fullFile(prefix, ctx.stamp), packPaths.treemapFile(prefix, ctx.stamp)];
  if (ctx.modes.includes('SPLIT')) out.split = [packPaths.splitIndex(prefix), ...ctx.sections.map((s) => packPaths.splitSection(s.fileName))];
  if (ctx.modes.includes('LITE')) out.lite = [packPaths.liteIndex(prefix), packPaths.liteManifest, packPaths.liteRunRefs];
  return out;
}

/** meta/PACK_INFO.json: what the pack holds and where. */
export function renderPackInfo(ctx: BundleContext): string {
  const bytes = totalBytes(ctx);
  const s = ctx.scope;
  return prettyJson({
    counts: { bytes, estimated_tokens: estimateTokens(bytes), files: ctx.files.length, omitted: ctx.omitted.length },
    digest: ctx.digest,
    modes: [...ctx.modes],
    outputs: listOutputs(ctx),
    pack_format: PACK_FORMAT,
    scope: {
      excluded_dir_parts: [...s.excludedDirParts],
      include_dirs: [...s.includeDirs],
      key: s.key,
      prefix: s.prefix,
      sections: s.sections,
      source_root: s.sourceRoot,
      text_rule: s.textRule,
      title: s.title,
    },
    sections: ctx.sections.map((sec) => ({ bytes: sec.bytes, file: `SPLIT/${sec.fileName}`, files: sec.files.length, name: sec.name })),
    stamp: ctx.stamp,
  });
}

/** meta/PROVENANCE.json: where the pack came from and how it was chosen (no clock, host or absolute path). */
export function renderProvenance(ctx: BundleContext): string {
  return prettyJson({
    anchors: { found: [...ctx.anchors.found], missing: [...ctx.anchors.missing] },
    digest: ctx.digest,
    generator: 'llm-packer',
    manifest_version: 'P2.0',
    pack_format: PACK_FORMAT,
    repo_state: repoStateJson(ctx),
    scope: ctx.scope.key,
    selection: ctx.scope.selection,
    source_root: ctx.scope.sourceRoot,
    text_rule: ctx.scope.textRule,
  });
}

/** meta/REPO_OMITTED_BINARIES.json: selected files left out because they are not text. */
export function renderOmitted(ctx: BundleContext): string {
  return prettyJson({
    files: ctx.omitted.map((o) => ({ bytes: o.bytes, path: o.rootPath })),
    reason:
      ctx.scope.textRule === 'content'
        ? 'not text: holds a NUL byte or is not valid UTF-8'
        : "not text by the scope's extension rule",
  });
}
