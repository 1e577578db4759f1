import type { Readable, Writable } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { createMcpServer } from './createMcpServer.js';
import type { McpDeps, McpServerOptions } from './types.js';

export interface ServeStdioInput {
  options: McpServerOptions;
  /** JSON-RPC messages in, one a line (the process's stdin). */
  stdin: Readable;
  /** JSON-RPC messages out; nothing else may be written there. */
  stdout: Writable;
  deps?: Partial<McpDeps>;
}

/**
 * Track the requests not answered yet, so that a client which sends its last request and closes
 * its end at once (a script, a pipe) still gets every answer. A cancelled request needs none.
 */
function trackRequests(transport: StdioServerTransport): { idle: () => Promise<void> } {
  const open = new Set<string | number>();
  let wake: (() => void) | undefined;
  const settle = (id: unknown) => {
    if ((typeof id === 'string' || typeof id === 'number') && open.delete(id) && open.size === 0) wake?.();
  };
  const receive = transport.onmessage;
  transport.onmessage = (message: JSONRPCMessage) => {
    if ('method' in message && 'id' in message) open.add(message.id);
    if ('method' in message && message.method === 'notifications/cancelled') settle(message.params?.requestId);
    receive?.(message);
  };
  const send = transport.send.bind(transport);
  transport.send = async (message: JSONRPCMessage) => {
    try {
      await send(message);
    } finally {
      if ('id' in message && ('result' in message || 'error' in message)) settle(message.id);
    }
  };
  return { idle: () => (open.size === 0 ? Promise.resolve() : new Promise((resolve) => (wake = resolve))) };
}

/**
 * Serve MCP over a pair of streams until the input ends (the client closed it) and every request
 * was answered, or the server is closed; resolves then. Tool failures are answered as tool
 * errors and never end the server.
 */
export async function serveMcpStdio(input: ServeStdioInput): Promise<void> {
  const server = createMcpServer(input.options, input.deps);
  const transport = new StdioServerTransport(input.stdin, input.stdout);
  const closed = new Promise<void>((resolve) => {
    input.stdin.once('end', resolve);
    input.stdin.once('close', resolve);
    server.server.onclose = () => resolve();
  });
  await server.connect(transport);
  const requests = trackRequests(transport);
  await closed;
  await requests.idle();
  await server.close();
}
