import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { estimateTokens } from '../bundle/index.js';
import { PACK_FOLDERS, packPaths } from '../packdir/index.js';
import { nameProblem } from '../paths/index.js';
import { PackerError, isErrno } from '../util/index.js';

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
  outputs: z.looseObject({ split: z.array(z.string()).optional() }),
  sections: z.array(z.looseObject({ bytes: z.number(), file: z.string(), files: z.number(), name: z.string(), tokens: z.number().optional() })),
});

/** A part's file must be a plain file name in SPLIT/: PACK_INFO.json is not trusted to name others. */
function checkPartFile(packDir: string, file: string): string {
  const [folder, name, ...more] = file.split('/');
  if (folder !== PACK_FOLDERS.SPLIT || name === undefined || more.length > 0 || nameProblem(name) !== undefined) {
    throw new PackerError('INPUT_INVALID', ` ${packDir}: ${packPaths.meta.packInfo} names a part outside SPLIT/: ${JSON.stringify(file)}`);
  }
  return file;
}

/** The SPLIT parts a pack folder's `meta/PACK_INFO.json` lists, in part order (none without SPLIT). */
export async function listParts(packDir: string): Promise<PackPart[]> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(join(packDir, packPaths.meta.packInfo), 'utf8'));
  } catch (err) {
    if (isErrno(err, 'ENOENT', 'ENOTDIR')) throw new PackerError('INPUT_NOT_FOUND', ` ${packDir} is not a pack folder (no ${packPaths.meta.packInfo})`);
    throw new PackerError('INPUT_INVALID', ` ${packDir}: ${packPaths.meta.packInfo} is not JSON`, { cause: err });
  }
  const parsed = packInfoSchema.safeParse(raw);
  if (!parsed.success) throw new PackerError('INPUT_INVALID', ` ${packDir}: ${packPaths.meta.packInfo} does not list the pack's parts`);
  const split = parsed.data.outputs.split;
  if (split === undefined || split.length === 0) return [];
  const sections = parsed.data.sections;
  const indexFile = checkPartFile(packDir, split[0]!);
  const indexBytes = (await stat(join(packDir, indexFile)).catch(() => undefined))?.size ?? 0;
  const index: PackPart = { part: 0, file: indexFile, name: 'index', files: 0, bytes: indexBytes, tokens: estimateTokens(indexBytes) };
  return [
    index,
    ...sections.map((s, i) => ({ part: i + 1, file: checkPartFile(packDir, s.file), name: s.name, files: s.files, bytes: s.bytes, tokens: s.tokens ?? estimateTokens(s.bytes) })),
  ];
}
