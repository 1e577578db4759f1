import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { parseRef } from '../../artifacts/index.js';
import { PackerError } from '../../util/index.js';
import { findEntry, openManifest } from '../openManifest.js';
import { readObjectSlice, type ObjectSlice } from '../readObjectSlice.js';
import { answer, toolOk } from '../toolResult.js';
import type { McpContext } from '../types.js';

const inputSchema = {
  manifest: z.string().optional().describe('sha256: ref of a pack manifest; with path'),
  path: z.string().optional().describe("A packed file's path in that manifest (e.g. src/index.ts)"),
  ref: z.string().optional().describe('sha256: ref of the file (from list_files or grep); alone, or to check the path resolves to it'),
  startLine: z.number().int().positive().optional().describe('First line to return (from 1)'),
  endLine: z.number().int().positive().optional().describe('Last line to return (inclusive)'),
};

const outputSchema = {
  ref: z.string().describe('sha256: ref of the whole file; its bytes were checked against it'),
  path: z.string().optional(),
  manifestRef: z.string().optional(),
  bytes: z.number().int(),
  totalLines: z.number().int(),
  startLine: z.number().int(),
  endLine: z.number().int(),
  truncated: z.boolean(),
  /** Where to continue when the answer was cut. */
  nextStartLine: z.number().int().optional(),
  text: z.string(),
};

type ReadInput = { [K in keyof typeof inputSchema]: z.infer<(typeof inputSchema)[K]> };

async function resolveTarget(ctx: McpContext, input: ReadInput): Promise<{ ref: string; path?: string; manifestRef?: string }> {
  if (input.path !== undefined || input.manifest !== undefined) {
    if (input.path === undefined || input.manifest === undefined) {
      throw new PackerError('USAGE', ' read_file needs both manifest and path, or a ref');
    }
    const loaded = await openManifest(ctx, input.manifest);
    const entry = findEntry(loaded, input.path);
    if (input.ref !== undefined && input.ref !== entry.ref) {
      throw new PackerError('INPUT_INVALID', ` ${input.path} is ${entry.ref} in ${loaded.manifestRef}, not ${input.ref}`);
    }
    return { ref: entry.ref, path: entry.path, manifestRef: loaded.manifestRef };
  }
  if (input.ref === undefined) throw new PackerError('USAGE', ' read_file needs manifest and path, or a ref');
  return { ref: input.ref };
}

function describe(slice: ObjectSlice, name: string): { head: string; nextStartLine?: number } {
  const range = slice.endLine >= slice.startLine ? `lines ${slice.startLine}-${slice.endLine} of ${slice.totalLines}` : `0 of ${slice.totalLines} lines`;
  const head = `${name} ${slice.ref} (${slice.bytes} bytes, verified), ${range}`;
  if (!slice.truncated) return { head };
  const next = slice.endLine < slice.totalLines ? slice.endLine + 1 : undefined;
  if (slice.lineCut) {
    const cut = `${head}; line ${slice.startLine} is longer than the answer limit: only its start is shown`;
    return next === undefined ? { head: cut } : { head: `${cut}; the next line is ${next}`, nextStartLine: next };
  }
  if (next === undefined) return { head };
  return { head: `${head}; cut at the answer limit: call read_file again with startLine ${next} for the rest`, nextStartLine: next };
}

async function readFileTool(ctx: McpContext, input: ReadInput) {
  const target = await resolveTarget(ctx, input);
  await ctx.fetchMissing([parseRef(target.ref)]);
  const slice = await readObjectSlice(ctx.cas, target.ref, {
    ...(input.startLine !== undefined ? { startLine: input.startLine } : {}),
    ...(input.endLine !== undefined ? { endLine: input.endLine } : {}),
    maxBytes: ctx.settings.maxAnswerBytes,
  });
  const { head, nextStartLine } = describe(slice, target.path ?? 'file');
  const { lineCut: _lineCut, ...facts } = slice;
  return toolOk([head, slice.text], {
    ...facts,
    ...(target.path !== undefined ? { path: target.path } : {}),
    ...(target.manifestRef !== undefined ? { manifestRef: target.manifestRef } : {}),
    ...(nextStartLine !== undefined ? { nextStartLine } : {}),
  });
}

export function registerReadFileTool(server: McpServer, ctx: McpContext): void {
  server.registerTool(
    'read_file',
    {
      title: 'Read a packed file',
      description:
        "Read a packed file by manifest and path, or by its sha256: ref, optionally a line range. The bytes are checked against the ref before they are returned; the answer carries the ref to cite. Long files are cut with a note saying the startLine to continue from.",
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (input) => answer(() => readFileTool(ctx, input)),
  );
}
