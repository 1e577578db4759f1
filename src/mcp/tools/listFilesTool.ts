import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { parseRef } from '../../artifacts/index.js';
import { DEFAULT_TOKEN_ENCODING, TOKEN_ENCODINGS, type TokenEncoding } from '../../tokens/index.js';
import { countObjectTokens } from '../countTokens.js';
import { cutLines } from '../cutAnswer.js';
import { globFilter } from '../globFilter.js';
import { openManifest } from '../openManifest.js';
import { answer, toolOk } from '../toolResult.js';
import type { McpContext } from '../types.js';

export const manifestField = z.string().describe('sha256: ref of a pack manifest (the manifestRef pack returns)');

const inputSchema = {
  manifest: manifestField,
  glob: z.string().min(1).optional().describe('Only paths matching this glob (picomatch syntax, e.g. src/**/*.ts)'),
  encoding: z.enum(TOKEN_ENCODINGS).optional().describe(`Tokenizer of the counts (default ${DEFAULT_TOKEN_ENCODING})`),
};

const outputSchema = {
  manifestRef: z.string(),
  scope: z.string(),
  /** Files in the manifest that match the glob (all of them, even when the list is cut). */
  matched: z.number().int(),
  tokenEncoding: z.enum(TOKEN_ENCODINGS).describe("The tokenizer of every count: each is exact, of the file's text as read_file returns it"),
  files: z.array(z.object({ path: z.string(), bytes: z.number().int(), tokens: z.number().int(), ref: z.string() })),
  truncated: z.boolean(),
};

const line = (f: { path: string; bytes: number; ref: string }, tokens: number | string) => `${f.path}\t${f.bytes} bytes\t${tokens} tokens\t${f.ref}`;

async function listFiles(ctx: McpContext, input: { manifest: string; glob?: string | undefined; encoding?: TokenEncoding | undefined }) {
  const loaded = await openManifest(ctx, input.manifest);
  const encoding = input.encoding ?? DEFAULT_TOKEN_ENCODING;
  const match = globFilter(input.glob);
  const all = loaded.manifest.entries.filter((e) => match(e.path));
  // Cut first, on lines whose count is as wide as the size (a token is at least one byte of the text, which is at most 3 bytes per byte read), so
  // only the files the answer shows are counted.
  const cut = cutLines(all.map((f) => line(f, '9'.repeat(String(3 * f.bytes).length))), ctx.settings.maxAnswerBytes);
  const shown = all.slice(0, cut.kept);
  const counts = await countObjectTokens(ctx, shown.map((e) => parseRef(e.ref)), encoding);
  const files = shown.map((e) => ({ path: e.path, bytes: e.bytes, tokens: counts.get(parseRef(e.ref))!, ref: e.ref }));
  const head = `${all.length} of ${loaded.manifest.entries.length} files in ${loaded.manifestRef}${input.glob ? ` match ${input.glob}` : ''} (path, bytes, ${encoding} tokens, ref)`;
  const note = cut.truncated ? [`… cut after ${cut.kept} files at the answer limit; narrow the list with glob (e.g. "${firstFolder(all[cut.kept]?.path)}/**")`] : [];
  return toolOk([head, ...files.map((f) => line(f, f.tokens)), ...note].join('\n'), {
    manifestRef: loaded.manifestRef,
    scope: loaded.manifest.scope,
    matched: all.length,
    tokenEncoding: encoding,
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
      description:
        "List the files of a pack manifest with their sizes, exact token counts (of each file's text, in tokenEncoding) and sha256: refs, optionally only those matching a glob.",
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (input) => answer(() => listFiles(ctx, input)),
  );
}
