import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { cutLines } from '../cutAnswer.js';
import { openPack, requireFolder } from '../openPack.js';
import { answer, toolOk } from '../toolResult.js';
import type { McpContext } from '../types.js';
import { packField } from './readPartTool.js';

const inputSchema = { pack: packField };

const outputSchema = {
  pack: z.string().describe('The pack folder verified'),
  sealRef: z.string().optional().describe('The seal ref the pack was named by'),
  ok: z.boolean().describe('True only if every check passed'),
  checks: z.array(z.object({ name: z.string(), ok: z.boolean(), detail: z.string() })),
};

/** Details longer than this are cut in the answer (a damaged pack can list thousands of files). */
const DETAIL_CHARS = 2_000;

async function verify(ctx: McpContext, input: { pack: string }) {
  const { settings, deps, cas } = ctx;
  const pack = await openPack(ctx, input.pack);
  const packDir = requireFolder(ctx, pack);
  const report = await deps.verifyPack({ cas, runsDir: settings.runsDir, root: settings.root, packDir });
  const checks = report.checks.map((c) => {
    const detail = [c.detail, ...(c.problems ?? [])].join('; ');
    return { name: c.name, ok: c.ok, detail: detail.length > DETAIL_CHARS ? `${detail.slice(0, DETAIL_CHARS)}… (cut)` : detail };
  });
  const verdict = report.ok ? `pack ${packDir} verified: every check passed` : `VERIFY_FAILED: pack ${packDir}: ${checks.filter((c) => !c.ok).map((c) => c.name).join(', ')}`;
  const { lines } = cutLines(checks.map((c) => `${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`), settings.maxAnswerBytes);
  return toolOk([verdict, ...lines].join('\n'), { pack: packDir, ...(pack.sealed ? { sealRef: pack.sealed.ref } : {}), ok: report.ok, checks });
}

export function registerVerifyTool(server: McpServer, ctx: McpContext): void {
  server.registerTool(
    'verify',
    {
      title: 'Verify a pack',
      description:
        'Recompute and check everything a pack claims, named by its folder or its seal ref: every file against the seal, the seal against the store and the run ledger, manifest, run records, every file in the store intact, roots and a full audit. The report lists each check; ok is true only if all passed.',
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (input) => answer(() => verify(ctx, input)),
  );
}
