import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { estimateTokens } from '../../bundle/index.js';
import { cutLines } from '../cutAnswer.js';
import { globFilter } from '../globFilter.js';
import { openManifest } from '../openManifest.js';
import { answer, toolOk } from '../toolResult.js';
import type { McpContext } from '../types.js';

export const manifestField = z.string().describe('sha256: ref of a pack manifest (the manifestRef pack returns)');

const inputSchema = {
  manifest: manifestField,
  glob: z.string().min(1).optional().describe('Only paths matching this glob (picomatch syntax, e.g. src/**/*.ts)'),
};

const outputSchema = {
  manifestRef: z.string(),
  scope: z.string(),
  /** Files in the manifest that match the glob (all of them, even when the list is cut). */
  matched: z.number().int(),
  tokenEncoding: z.string(),
  files: z.array(z.object({ path: z.string(), bytes: z.number().int(), tokens: z.number().int(), ref: z.string() })),
  truncated: z.boolean(),
};

async function listFiles(ctx: McpContext, input: { manifest: string; glob?: string | undefined }) {
  const loaded = await openManifest(ctx, input.manifest);
  const match = globFilter(input.glob);
  const all = loaded.manifest.entries
    .filter((e) => match(e.path))
    .map((e) => ({ path: e.path, bytes: e.bytes, tokens: estimateTokens(e.bytes), ref: e.ref }));
  const lines = all.map((f) => `${f.path}\t${f.bytes} bytes\t~${f.tokens} tokens\t${f.ref}`);
  const cut = cutLines(lines, ctx.settings.maxAnswerBytes);
  const files = all.slice(0, cut.kept);
  const head = `${all.length} of ${loaded.manifest.entries.length} files in ${loaded.manifestRef}${input.glob ? ` match ${input.glob}` : ''} (path, bytes, tokens, ref)`;
  const note = cut.truncated ? [`… cut after ${cut.kept} files at the answer limit; narrow the list with glob (e.g. "${firstFolder(all[cut.kept]?.path)}/**")`] : [];
  return toolOk([head, ...cut.lines, ...note].join('\n'), {
    manifestRef: loaded.manifestRef,
    scope: loaded.manifest.scope,
    matched: all.length,
    tokenEncoding: 'estimate (bytes / 4)',
    files,
    truncated: cut.truncated,
  });
}

function firstFolder(path: string | undefined): string {
  return path?.split('/')[0] ?? 'src';
}

export function registerListFilesTool(server: McpServer, ctx: McpContext): void {
  server.registerTool(
    'list_files',
    {
      title: 'List packed files',
      description: 'List the files of a pack manifest with their sizes, token counts and sha256: refs, optionally only those matching a glob.',
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (input) => answer(() => listFiles(ctx, input)),
  );
}
