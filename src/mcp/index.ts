export { createMcpServer, defaultMcpDeps, SERVER_NAME } from './createMcpServer.js';
export { serveMcpStdio } from './serveMcpStdio.js';
export type { ServeStdioInput } from './serveMcpStdio.js';
export type { McpServerOptions, McpDeps } from './types.js';
export { ERROR_META_KEY } from './toolResult.js';
