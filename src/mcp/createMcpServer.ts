import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { openCas } from '../cas/index.js';
import { runPack } from '../pack/index.js';
import { PackerError } from '../util/index.js';
import { verifyPack } from '../verify/index.js';
import { fetchMissing } from './fetchMissing.js';
import { registerGrepTool } from './tools/grepTool.js';
import { registerListFilesTool } from './tools/listFilesTool.js';
import { registerPackTool } from './tools/packTool.js';
import { registerReadFileTool } from './tools/readFileTool.js';
import { registerReadPartTool } from './tools/readPartTool.js';
import { registerVerifyTool } from './tools/verifyTool.js';
import type { McpContext, McpDeps, McpServerOptions, McpSettings } from './types.js';

const SERVER_NAME = 'llm-packer';

const defaultMcpDeps: McpDeps = {
  runPack: (options) => runPack(options),
  verifyPack,
  openCas,
  now: () => performance.now(),
};

/** Every tool, in the order `tools/list` gives them. */
const TOOLS = [registerPackTool, registerListFilesTool, registerReadFileTool, registerReadPartTool, registerGrepTool, registerVerifyTool];

function settingsFrom(options: McpServerOptions): McpSettings {
  for (const [name, path] of Object.entries({ root: options.root, casRoot: options.casRoot, runsDir: options.runsDir, packsDir: options.packsDir })) {
    if (!path.startsWith('/')) throw new PackerError('USAGE', ` ${name} must be an absolute path: ${path}`);
  }
  const allowRoots = options.allowRoots && options.allowRoots.length > 0 ? options.allowRoots.map((d) => resolve(d)) : [options.root];
  return {
    root: options.root,
    casRoot: options.casRoot,
    runsDir: options.runsDir,
    packsDir: options.packsDir,
    allowRoots,
    maxAnswerBytes: options.maxAnswerBytes ?? 100_000,
    maxGrepMatches: options.maxGrepMatches ?? 200,
    grepBudgetMs: options.grepBudgetMs ?? 10_000,
    maxGrepFileBytes: options.maxGrepFileBytes ?? 16 * 1024 * 1024,
    readableDirs: [...new Set([options.root, ...allowRoots, options.packsDir])],
  };
}

/**
 * An MCP server over the store: tools to pack, list, read, grep and verify. It reads only the
 * store, runs dir and roots in `options`; it is not connected to any transport yet.
 */
export function createMcpServer(options: McpServerOptions, overrides: Partial<McpDeps> = {}): McpServer {
  const deps: McpDeps = { ...defaultMcpDeps, ...overrides };
  const settings = settingsFrom(options);
  const cas = deps.openCas(settings.casRoot);
  const ctx: McpContext = { settings, deps, cas, fetchMissing: (hashes) => fetchMissing(cas, options.remote, hashes) };
  const server = new McpServer({ name: SERVER_NAME, version: options.version ?? '0.0.0' }, { capabilities: { tools: {} } });
  for (const register of TOOLS) register(server, ctx);
  return server;
}
