import { z } from 'zod';
import { estimateTokens } from '../bundle/index.js';
import { PACK_FOLDERS, packPaths } from '../packdir/index.js';
import { nameProblem } from '../paths/index.js';
import { PackerError, isPackerError } from '../util/index.js';
import { DEFAULT_TOKEN_ENCODING, isTokenEncoding } from '../tokens/index.js';
import { countTextTokens } from './countTokens.js';
import type { OpenedPack } from './openPack.js';
import type { McpContext } from './types.js';

/** One SPLIT part of a pack: part 0 is the index, parts 1… hold the files. */
export interface PackPart {
  part: number;
  /** Path inside the pack folder (`SPLIT/…`). */
  file: string;
  name: string;
  files: number;
  bytes: number;
  tokens: number;
}

const packInfoSchema = z.looseObject({
  output: z.looseObject({ token_encoding: z.string().optional() }).optional(),
  outputs: z.looseObject({ split: z.array(z.string()).optional() }),
  sections: z.array(z.looseObject({ bytes: z.number(), file: z.string(), files: z.number(), name: z.string(), tokens: z.number().optional() })),
});

/** PACK_INFO.json is read whole up to this size. */
const PACK_INFO_MAX_BYTES = 64 << 20;

/** A part's file must be a plain file name in SPLIT/: PACK_INFO.json is not trusted to name others. */
function checkPartFile(packDir: string, file: string): string {
  const [folder, name, ...more] = file.split('/');
  if (folder !== PACK_FOLDERS.SPLIT || name === undefined || more.length > 0 || nameProblem(name) !== undefined) {
    throw new PackerError('INPUT_INVALID', ` ${packDir}: ${packPaths.meta.packInfo} names a part outside SPLIT/: ${JSON.stringify(file)}`);
  }
  return file;
}

/** The SPLIT parts a pack's `meta/PACK_INFO.json` lists, in part order (none without SPLIT). */
export async function listParts(ctx: McpContext, pack: OpenedPack): Promise<PackPart[]> {
  const packDir = pack.label;
  let raw: unknown;
  try {
    const info = await pack.slice(packPaths.meta.packInfo, { maxBytes: PACK_INFO_MAX_BYTES });
    if (info.truncated) throw new PackerError('INPUT_INVALID', ` ${packDir}: ${packPaths.meta.packInfo} is larger than ${PACK_INFO_MAX_BYTES} bytes`);
    raw = JSON.parse(info.text);
  } catch (err) {
    if (isPackerError(err) && err.code === 'INPUT_NOT_FOUND') throw new PackerError('INPUT_NOT_FOUND', ` ${packDir} is not a pack folder (no ${packPaths.meta.packInfo})`);
    if (isPackerError(err)) throw err;
    throw new PackerError('INPUT_INVALID', ` ${packDir}: ${packPaths.meta.packInfo} is not JSON`, { cause: err });
  }
  const parsed = packInfoSchema.safeParse(raw);
  if (!parsed.success) throw new PackerError('INPUT_INVALID', ` ${packDir}: ${packPaths.meta.packInfo} does not list the pack's parts`);
  const split = parsed.data.outputs.split;
  if (split === undefined || split.length === 0) return [];
  const sections = parsed.data.sections;
  const indexFile = checkPartFile(packDir, split[0]!);
  // The index's count is not recorded: it is counted here, in the pack's encoding (cached).
  const named = parsed.data.output?.token_encoding;
  const encoding = named !== undefined && isTokenEncoding(named) ? named : DEFAULT_TOKEN_ENCODING;
  const indexText = await pack.slice(indexFile, { maxBytes: PACK_INFO_MAX_BYTES });
  const index: PackPart = { part: 0, file: indexFile, name: 'index', files: 0, bytes: indexText.bytes, tokens: await countTextTokens(ctx, indexText.text, encoding) };
  return [
    index,
    // Packs made before exact counts recorded none per part: those are estimates (bytes / 4).
    ...sections.map((s, i) => ({ part: i + 1, file: checkPartFile(packDir, s.file), name: s.name, files: s.files, bytes: s.bytes, tokens: s.tokens ?? estimateTokens(s.bytes) })),
  ];
}
