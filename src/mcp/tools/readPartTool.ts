import { realpath } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { PACK_FOLDERS } from '../../packdir/index.js';
import { PackerError, isErrno, openRegularFile } from '../../util/index.js';
import { listParts } from '../listParts.js';
import { readFileSlice } from '../readObjectSlice.js';
import { resolvePackDir } from '../resolvePackDir.js';
import { answer, toolOk } from '../toolResult.js';
import type { McpContext } from '../types.js';

export const packField = z.string().min(1).describe('A pack folder (the outDir pack returns), absolute or relative to the server root');

const inputSchema = {
  pack: packField,
  part: z.number().int().nonnegative().describe('Part number: 0 is the index of the parts, 1… hold the files (see pack.parts)'),
};

const outputSchema = {
  pack: z.string(),
  part: z.number().int(),
  parts: z.number().int().describe('Parts in the pack, the index included'),
  file: z.string(),
  ref: z.string().describe('sha256: of the whole part file as read'),
  bytes: z.number().int(),
  tokens: z.number().int(),
  truncated: z.boolean(),
  text: z.string(),
};

/** The part's file, opened only if it is a regular file that really is inside the pack's SPLIT/. */
async function partPath(packDir: string, file: string): Promise<string> {
  const path = join(packDir, file);
  try {
    const real = await realpath(path);
    if (dirname(real) !== join(packDir, PACK_FOLDERS.SPLIT)) throw new PackerError('MCP_PATH_REFUSED', ` ${file} leads outside the pack's SPLIT/ folder`);
    const fh = await openRegularFile(real);
    if (fh === undefined) throw new PackerError('MCP_PATH_REFUSED', ` ${file} is not a regular file`);
    await fh.close();
    return real;
  } catch (err) {
    if (isErrno(err, 'ENOENT', 'ENOTDIR')) throw new PackerError('INPUT_NOT_FOUND', ` ${file} is missing from ${packDir}`, { cause: err });
    throw err;
  }
}

async function readPart(ctx: McpContext, input: { pack: string; part: number }) {
  const packDir = await resolvePackDir(ctx.settings, input.pack);
  const parts = await listParts(packDir);
  if (parts.length === 0) throw new PackerError('INPUT_NOT_FOUND', ` ${input.pack} has no SPLIT parts`);
  const part = parts[input.part];
  if (part === undefined) throw new PackerError('INPUT_INVALID', ` ${input.pack} has parts 0-${parts.length - 1}, not ${input.part}`);
  const slice = await readFileSlice(await partPath(packDir, part.file), { maxBytes: ctx.settings.maxAnswerBytes });
  if (!slice.utf8) throw new PackerError('INPUT_INVALID', ` ${part.file} is not UTF-8 text`);
  const ref = `sha256:${slice.hash}`;
  const head = `part ${part.part} of ${input.pack}: ${part.file} (${slice.bytes} bytes, ~${part.tokens} tokens, ${ref})`;
  const note = slice.truncated
    ? `\n… cut after line ${slice.endLine} of ${slice.totalLines} at the answer limit: read its files with read_file (list_files gives their paths), or pack again with a smaller splitTokens`
    : '';
  return toolOk([head, slice.text + note], {
    pack: packDir,
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
      description: 'Read one SPLIT part of a pack (part 0 is the index of the parts). Parts are cut to fit a model: read them one by one.',
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (input) => answer(() => readPart(ctx, input)),
  );
}
