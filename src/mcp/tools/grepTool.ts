import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { RE2JS } from 're2js';
import { z } from 'zod';
import { parseRef } from '../../artifacts/index.js';
import { PackerError } from '../../util/index.js';
import { globFilter } from '../globFilter.js';
import { openManifest } from '../openManifest.js';
import { answer, toolOk } from '../toolResult.js';
import type { McpContext } from '../types.js';
import { manifestField } from './listFilesTool.js';

const inputSchema = {
  manifest: manifestField,
  pattern: z.string().min(1).describe('A regular expression (RE2 syntax: no backreferences or lookaround; linear time), matched per line'),
  glob: z.string().min(1).optional().describe('Only search paths matching this glob (e.g. src/**/*.ts)'),
};

const matchSchema = z.object({ path: z.string(), line: z.number().int(), ref: z.string(), text: z.string() });

const outputSchema = {
  manifestRef: z.string(),
  matches: z.array(matchSchema),
  filesSearched: z.number().int(),
  /** Files matching the glob that were not searched (too large, or the search was cut). */
  filesNotSearched: z.number().int(),
  truncated: z.boolean(),
  note: z.string().optional(),
};

type Match = z.infer<typeof matchSchema>;

/** Characters of a matching line returned (a minified line can be megabytes). */
const LINE_CHARS = 240;

function compile(pattern: string): RE2JS {
  try {
    return RE2JS.compile(pattern);
  } catch (err) {
    throw new PackerError('INPUT_INVALID', ` pattern ${JSON.stringify(pattern)}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function matchLines(re: RE2JS, text: string, push: (line: number, text: string) => boolean): void {
  let line = 1;
  for (let start = 0; start <= text.length; line++) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    if (end > start || nl !== -1) {
      const body = text.slice(start, end);
      if (re.matcher(body).find() && !push(line, body.length > LINE_CHARS ? `${body.slice(0, LINE_CHARS)}…` : body)) return;
    }
    if (nl === -1) return;
    start = nl + 1;
  }
}

async function grep(ctx: McpContext, input: { manifest: string; pattern: string; glob?: string | undefined }) {
  const { settings, deps, cas } = ctx;
  const re = compile(input.pattern);
  const loaded = await openManifest(ctx, input.manifest);
  const match = globFilter(input.glob);
  const entries = loaded.manifest.entries.filter((e) => match(e.path));
  await ctx.fetchMissing(entries.filter((e) => e.bytes <= settings.maxGrepFileBytes).map((e) => parseRef(e.ref)));
  const deadline = deps.now() + settings.grepBudgetMs;
  const matches: Match[] = [];
  let skipped = 0;
  let searched = 0;
  let answerBytes = 0;
  let cut: string | undefined;
  for (const e of entries) {
    if (cut !== undefined) skipped++;
    else if (e.bytes > settings.maxGrepFileBytes) skipped++;
    else if (deps.now() > deadline) {
      cut = `the search took longer than its ${settings.grepBudgetMs} ms budget; narrow it with glob`;
      skipped++;
    } else {
      // The object is read through the store, so its bytes are checked against its ref first.
      const text = (await cas.get(parseRef(e.ref))).toString('utf8');
      searched++;
      matchLines(re, text, (line, body) => {
        answerBytes += Buffer.byteLength(body) + e.path.length + 90;
        if (matches.length >= settings.maxGrepMatches || answerBytes > settings.maxAnswerBytes) {
          cut = `more matches than one answer holds (${matches.length} shown); narrow the search with glob or a tighter pattern`;
          return false;
        }
        matches.push({ path: e.path, line, ref: e.ref, text: body });
        return true;
      });
    }
  }
  const lines = matches.map((m) => `${m.path}:${m.line}: ${m.text}  (${m.ref})`);
  const head = `${matches.length} ${matches.length === 1 ? 'match' : 'matches'} of /${input.pattern}/ in ${searched} files of ${loaded.manifestRef}`;
  const tail = [
    ...(skipped > 0 ? [`${skipped} files not searched${cut === undefined ? ` (larger than ${settings.maxGrepFileBytes} bytes)` : ''}`] : []),
    ...(cut !== undefined ? [`… cut: ${cut}`] : []),
  ];
  return toolOk([head, ...lines, ...tail].join('\n'), {
    manifestRef: loaded.manifestRef,
    matches,
    filesSearched: searched,
    filesNotSearched: skipped,
    truncated: cut !== undefined,
    ...(cut !== undefined ? { note: cut } : {}),
  });
}

export function registerGrepTool(server: McpServer, ctx: McpContext): void {
  server.registerTool(
    'grep',
    {
      title: 'Search packed files',
      description:
        'Search the files of a pack manifest for a regular expression, line by line; returns each match with its path, line number and the file\'s sha256: ref. RE2 syntax (linear time, so any pattern is safe).',
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (input) => answer(() => grep(ctx, input)),
  );
}
