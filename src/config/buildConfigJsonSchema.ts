import { z } from 'zod';
import { packerConfigSchema } from './configSchema.js';

/**
 * The JSON Schema of `llm-packer.config.json`, generated from the zod schema (so the two never
 * disagree). `scripts/writeConfigSchema.ts` writes it to `schema/llm-packer.config.schema.json`;
 * a test checks the committed file is current. Refinements (relative paths, rootFiles inside
 * sourceRoot) are checked by `loadConfig` only.
 */
export function buildConfigJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(packerConfigSchema, { io: 'input', target: 'draft-2020-12' });
  return { ...schema, title: 'llm-packer configuration' };
}
