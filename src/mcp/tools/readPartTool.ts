import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { PackerError } from '../../util/index.js';
import { listParts } from '../listParts.js';
import { openPack } from '../openPack.js';
import { answer, toolOk } from '../toolResult.js';
import type { McpContext } from '../types.js';

export const packField = z
  .string()
  .min(1)
  .describe("A pack folder (the outDir pack returns), absolute or relative to the server root, or the pack's seal ref (sha256:…, the sealRef pack returns)");

const inputSchema = {
  pack: packField,
  part: z.number().int().nonnegative().describe('Part number: 0 is the index of the parts, 1… hold the files (see pack.parts)'),
};

const outputSchema = {
  pack: z.string().describe('The pack folder, or the seal ref when the folder is gone and the part came from the store'),
  sealRef: z.string().optional().describe('The seal the part was checked against (when the pack was named by it)'),
  part: z.number().int(),
  parts: z.number().int().describe('Parts in the pack, the index included'),
  file: z.string(),
  ref: z.string().describe('sha256: of the whole part file as read'),
  bytes: z.number().int(),
  tokens: z.number().int(),
  truncated: z.boolean(),
  text: z.string(),
};

async function readPart(ctx: McpContext, input: { pack: string; part: number }) {
  const pack = await openPack(ctx, input.pack);
  const parts = await listParts(ctx, pack);
  if (parts.length === 0) throw new PackerError('INPUT_NOT_FOUND', ` ${input.pack} has no SPLIT parts`);
  const part = parts[input.part];
  if (part === undefined) throw new PackerError('INPUT_INVALID', ` ${input.pack} has parts 0-${parts.length - 1}, not ${input.part}`);
  const slice = await pack.slice(part.file, { maxBytes: ctx.settings.maxAnswerBytes });
  if (!slice.utf8) throw new PackerError('INPUT_INVALID', ` ${part.file} is not UTF-8 text`);
  const ref = `sha256:${slice.hash}`;
  const checked = pack.sealed ? `, checked against seal ${pack.sealed.ref}` : '';
  const head = `part ${part.part} of ${pack.label}: ${part.file} (${slice.bytes} bytes, ${part.tokens} tokens, ${ref}${checked})`;
  const note = slice.truncated
    ? `\n… cut after line ${slice.endLine} of ${slice.totalLines} at the answer limit: read its files with read_file (list_files gives their paths), or pack again with a smaller splitTokens`
    : '';
  return toolOk([head, slice.text + note], {
    pack: pack.label,
    ...(pack.sealed ? { sealRef: pack.sealed.ref } : {}),
    part: part.part,
    parts: parts.length,
    file: part.file,
    ref,
    bytes: slice.bytes,
    tokens: part.tokens,
    truncated: slice.truncated,
    text: slice.text,
  });
}

export function registerReadPartTool(server: McpServer, ctx: McpContext): void {
  server.registerTool(
    'read_part',
    {
      title: 'Read a SPLIT part',
      description:
        'Read one SPLIT part of a pack (part 0 is the index of the parts), named by its folder or its seal ref. Parts are cut to fit a model: read them one by one.',
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (input) => answer(() => readPart(ctx, input)),
  );
}
