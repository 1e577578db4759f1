import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { isPackerError } from '../util/index.js';

/** The `_meta` key under which a failed call carries its error code (the text starts with it too). */
const ERROR_META_KEY = 'llm-packer/error';

/** A successful answer: the text a model reads and the same facts as structured content. */
export function toolOk(text: string | readonly string[], structured: Record<string, unknown>): CallToolResult {
  const texts = typeof text === 'string' ? [text] : text;
  return { content: texts.map((t) => ({ type: 'text' as const, text: t })), structuredContent: structured };
}

/**
 * A failed call as an MCP tool error (`isError: true`), never a protocol error or a crash: the text
 * is our one-line error (`CODE: message (hint)`), `_meta` has the code on its own. It carries no
 * structured content, so a client's check of the tool's output schema does not apply to it.
 */
function toolError(err: unknown): CallToolResult {
  const code = isPackerError(err) ? err.code : 'IO_ERROR';
  const raw = err instanceof Error ? err.message : String(err);
  const message = isPackerError(err) ? raw : `IO_ERROR: ${raw.split('\n')[0]}`;
  const hint = isPackerError(err) ? err.hint : undefined;
  return {
    isError: true,
    content: [{ type: 'text', text: hint ? `${message} (${hint})` : message }],
    _meta: { [ERROR_META_KEY]: { code, message, ...(hint ? { hint } : {}) } },
  };
}

/** Run a handler so that anything it throws becomes a tool error. */
export async function answer(handler: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await handler();
  } catch (err) {
    return toolError(err);
  }
}
