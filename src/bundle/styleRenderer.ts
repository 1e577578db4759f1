import { PackerError } from '../util/index.js';
import { jsonStyle } from './jsonStyle.js';
import { markdownStyle } from './markdownStyle.js';
import { plainStyle } from './plainStyle.js';
import { OUTPUT_STYLES, type OutputStyle, type StyleRenderer } from './styleTypes.js';
import { xmlStyle } from './xmlStyle.js';

const RENDERERS: Record<OutputStyle, StyleRenderer> = { markdown: markdownStyle, xml: xmlStyle, json: jsonStyle, plain: plainStyle };

/** Checks a style name from a flag or config. */
export function parseOutputStyle(name: string): OutputStyle {
  if (!(OUTPUT_STYLES as readonly string[]).includes(name)) {
    throw new PackerError('USAGE', ` unknown style ${JSON.stringify(name)}`, { hint: `use one of: ${OUTPUT_STYLES.join(', ')}` });
  }
  return name as OutputStyle;
}

export function styleRenderer(style: OutputStyle): StyleRenderer {
  return RENDERERS[style];
}

/** A whole block (head and unit) of a file held in memory, and its unit alone. */
export function renderBlock(
  renderer: StyleRenderer,
  file: { rootPath: string; bytes: number; index: number; longestRun: number; text: string },
): { head: string; unit: string } {
  const escaper = renderer.escaper();
  const body = escaper.push(file.text) + escaper.end();
  const unit = renderer.unitOpen(file) + body + renderer.unitClose(file, file.text === '' || file.text.endsWith('\n'));
  return { head: renderer.fileHead(file), unit };
}
