import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { DEFAULT_OUTPUT_STYLE, OUTPUT_STYLES } from '../../bundle/styleTypes.js';
import type { PackProgress } from '../../pack/index.js';
import { resolveAllowedDir } from '../checkRequestPath.js';
import { join } from 'node:path';
import { hashFile } from '../../cas/index.js';
import { SEAL_FILE } from '../../packdir/index.js';
import { listParts } from '../listParts.js';
import { openPackFolder } from '../openPack.js';
import { createPackProgress } from '../packProgress.js';
import { answer, toolOk } from '../toolResult.js';
import type { McpContext } from '../types.js';

const inputSchema = {
  path: z.string().min(1).describe('Folder to pack: absolute, or relative to the server root; must be under a root the server allows'),
  scope: z.string().min(1).optional().describe('ags, lab, cat_cas, repo or a configured scope (default: detected from the folder)'),
  include: z.array(z.string().min(1)).optional().describe('Only pack paths matching these globs (gitignore syntax)'),
  ignore: z.array(z.string().min(1)).optional().describe('Leave out paths matching these globs (gitignore syntax)'),
  splitTokens: z.number().int().positive().optional().describe('SPLIT parts of at most this many tokens each'),
  style: z.enum(OUTPUT_STYLES).optional().describe(`Output style of FULL and SPLIT (default ${DEFAULT_OUTPUT_STYLE})`),
};

const partSchema = z.object({
  part: z.number().int(),
  file: z.string(),
  name: z.string(),
  files: z.number().int(),
  bytes: z.number().int(),
  tokens: z.number().int(),
});

const outputSchema = {
  manifestRef: z.string().describe('sha256: ref of the LITE manifest: pass it to list_files, read_file and grep'),
  outDir: z.string().describe('The pack folder: pass it to read_part and verify'),
  sealRef: z.string().describe("sha256: ref of the pack's seal (SEAL.json, kept in the store): read_part and verify take it too"),
  tokens: z.object({ encoding: z.string(), total: z.number().int() }),
  parts: z.array(partSchema),
  scope: z.string(),
  filesPacked: z.number().int(),
  filesOmitted: z.number().int(),
  bytes: z.number().int(),
  refs: z.object({ manifestRef: z.string(), taskSpecRef: z.string(), outputHashesRef: z.string(), statusRef: z.string() }),
};

type PackInput = { [K in keyof typeof inputSchema]: z.infer<(typeof inputSchema)[K]> };

async function pack(ctx: McpContext, input: PackInput, onProgress: (event: PackProgress) => void) {
  const { settings, deps } = ctx;
  const root = await resolveAllowedDir({ path: input.path, base: settings.root, dirs: settings.allowRoots });
  const summary = await deps.runPack({
    root,
    ...(input.scope !== undefined ? { scope: input.scope } : {}),
    casRoot: settings.casRoot,
    runsDir: settings.runsDir,
    packsDir: settings.packsDir,
    ...(input.splitTokens !== undefined ? { splitTokens: input.splitTokens } : {}),
    ...(input.style !== undefined ? { style: input.style } : {}),
    ...(input.include !== undefined || input.ignore !== undefined
      ? { select: { ...(input.include ? { include: input.include } : {}), ...(input.ignore ? { ignore: input.ignore } : {}) } }
      : {}),
    onProgress,
  });
  const parts = await listParts(ctx, await openPackFolder(summary.outDir));
  const sealRef = `sha256:${(await hashFile(join(summary.outDir, SEAL_FILE))).hash}`;
  const { verdict: _verdict, ...refs } = summary.refs;
  const tokens = { encoding: summary.tokens.encoding, total: summary.tokens.total };
  const structured = {
    manifestRef: summary.refs.manifestRef,
    outDir: summary.outDir,
    sealRef,
    tokens,
    parts,
    scope: summary.scope.key,
    filesPacked: summary.filesPacked,
    filesOmitted: summary.filesOmitted,
    bytes: summary.bytes,
    refs,
  };
  const lines = [
    `packed ${summary.filesPacked} files (${summary.bytes} bytes, ${tokens.total} tokens, ${tokens.encoding}) of ${root}, scope ${summary.scope.key}`,
    `pack folder ${summary.outDir}`,
    `manifest ${summary.refs.manifestRef}`,
    `seal ${sealRef}`,
    ...parts.map((p) =>
      p.part === 0
        ? `part 0: ${p.file} (the index of the parts)`
        : `part ${p.part}: ${p.file} (${p.name}, ${p.files} files, ${p.bytes} bytes, ${p.tokens} tokens)`,
    ),
  ];
  return toolOk(lines.join('\n'), structured);
}

export function registerPackTool(server: McpServer, ctx: McpContext): void {
  server.registerTool(
    'pack',
    {
      title: 'Pack a folder',
      description:
        'Pack a folder into a content-addressed pack: every file is stored by its SHA-256 and listed in a manifest. Returns the manifest ref (for list_files, read_file, grep), the pack folder and its seal ref (for read_part, verify), token totals and the SPLIT parts.',
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    (input, extra) =>
      answer(() => pack(ctx, input, createPackProgress(extra._meta?.progressToken, (n) => extra.sendNotification(n)))),
  );
}
