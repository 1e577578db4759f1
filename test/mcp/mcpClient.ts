import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { BIN } from '../helpers/cli.js';

export interface McpSession {
  client: Client;
  transport: StdioClientTransport;
  /** Call a tool; the result as the SDK's client returns it (validated against the output schema). */
  call(name: string, args: Record<string, unknown>): Promise<CallToolResult>;
  /** What the server wrote to stderr so far. */
  stderr(): string;
}

/** Start the built `llm-packer mcp` as a child process and connect the SDK's own client to it. */
export async function startMcp(args: string[], cwd: string): Promise<McpSession> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp', ...args], cwd, stderr: 'pipe' });
  const err: Buffer[] = [];
  transport.stderr?.on('data', (c: Buffer) => err.push(c));
  const client = new Client({ name: 'llm-packer-test', version: '1.0.0' });
  await client.connect(transport);
  return {
    client,
    transport,
    call: async (name, a) => (await client.callTool({ name, arguments: a })) as CallToolResult,
    stderr: () => Buffer.concat(err).toString('utf8'),
  };
}

/** The text of a result's content items, joined. */
export function textOf(result: CallToolResult): string {
  return result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
}

/** The error code a failed tool call carries (the first word of its text). */
export function errorCode(result: CallToolResult): string | undefined {
  if (!result.isError) return undefined;
  return /^([A-Z0-9_]+):/.exec(textOf(result))?.[1];
}
