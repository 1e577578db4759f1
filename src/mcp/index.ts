export { createMcpServer } from './createMcpServer.js';
export { serveMcpStdio } from './serveMcpStdio.js';
export type { ServeStdioInput } from './serveMcpStdio.js';
export type { McpServerOptions, McpDeps } from './types.js';
