import { PackerError } from '../util/index.js';
import { resolveAllowedDir } from './checkRequestPath.js';
import type { McpSettings } from './types.js';

/**
 * The pack folder a client names: a folder (absolute, or relative to the server's root) inside
 * the folders the server may read, or a pack's seal ref.
 */
export async function resolvePackDir(settings: McpSettings, pack: string): Promise<string> {
  if (pack.startsWith('sha256:')) {
    throw new PackerError('MCP_UNSUPPORTED', ` ${pack}: naming a pack by its seal ref is not supported yet; give the pack folder`);
  }
  return resolveAllowedDir({ path: pack, base: settings.root, dirs: settings.readableDirs });
}
