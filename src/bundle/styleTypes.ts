import type { Scope } from '../scopes/index.js';

/** The output styles of FULL and SPLIT; the first is the default. */
export const OUTPUT_STYLES = ['markdown', 'xml', 'json', 'plain'] as const;
/** The style of FULL and SPLIT unless a flag or the config says otherwise. */
export const DEFAULT_OUTPUT_STYLE = 'markdown';

/** One of {@link OUTPUT_STYLES}: how FULL and SPLIT wrap each file (`markdown` fences, `xml`, `json`, `plain`). */
export type OutputStyle = (typeof OUTPUT_STYLES)[number];

/** A document of file blocks: the FULL file, one SPLIT section, or one token-bounded SPLIT part. */
export interface DocumentInfo {
  scope: Pick<Scope, 'key' | 'title'>;
  kind: 'full' | 'section' | 'part';
  /** Section name, or the part's number as text. */
  name?: string;
}

/** One piece of a file that was cut at line boundaries to fit a token budget. */
export interface PieceInfo {
  /** 1-based. */
  piece: number;
  pieces: number;
  firstLine: number;
  lastLine: number;
  totalLines: number;
}

/** The path-dependent head of a file's block. */
export interface FileHeadInfo {
  rootPath: string;
  bytes: number;
  /** Position of the block in its document, from 0. */
  index: number;
  piece?: PieceInfo;
  /** Generated text (git context) that is not a file: shown instead of a path. */
  label?: string;
}

/** What the content-dependent unit of a block depends on besides the text. */
export interface UnitInfo {
  rootPath: string;
  /** Longest backtick run in the file's bytes. */
  longestRun: number;
}

/** Streams file text into the form a style writes it in (escaped, CDATA-split, …). */
export interface TextEscaper {
  push(text: string): string;
  end(): string;
}

/**
 * Renders a document of file blocks in one style. A block is `fileHead` (path and size) followed
 * by its unit: `unitOpen`, the escaped text, `unitClose`; the unit depends only on the file's
 * bytes and `variant`, so its token count can be cached by object hash. Every seam between
 * these strings (and `open`/`close`) follows a line feed with a character that is neither space
 * nor `/`, so token counts add up exactly (see tokens/safeSeam).
 */
export interface StyleRenderer {
  readonly style: OutputStyle;
  /** File name extension of FULL and SPLIT files, without the dot. */
  readonly extension: string;
  open(doc: DocumentInfo): string;
  fileHead(file: FileHeadInfo): string;
  unitOpen(unit: UnitInfo): string;
  escaper(): TextEscaper;
  unitClose(unit: UnitInfo, textEndsWithNewline: boolean): string;
  close(doc: DocumentInfo, totals: { files: number; bytes: number }): string;
  /** What besides the bytes shapes the unit: part of the token cache key. */
  variant(unit: UnitInfo): string;
}
