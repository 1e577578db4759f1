// Regenerate schema/llm-packer.config.schema.json from the zod schema in src/config:
//   node --import tsx scripts/writeConfigSchema.ts
// test/config/configJsonSchema.test.ts fails when the committed file is out of date.
import { fileURLToPath } from 'node:url';
import { buildConfigJsonSchema } from '../src/config/index.js';
import { prettyJson, writeFileDurable } from '../src/util/index.js';

const target = fileURLToPath(new URL('../schema/llm-packer.config.schema.json', import.meta.url));
await writeFileDurable(target, prettyJson(buildConfigJsonSchema()));
process.stdout.write(`wrote ${target}\n`);
