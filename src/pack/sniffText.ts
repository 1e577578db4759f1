/** Bytes read from the start of each file to decide, before anything is written, whether it is text. */
export const SNIFF_BYTES = 8000;

/**
 * The cheap text test on a file's first bytes: no NUL and valid UTF-8. A multi-byte character cut
 * by the end of the prefix is allowed, since the prefix is not the whole file.
 */
export function sniffTextPrefix(prefix: Uint8Array): boolean {
  if (prefix.indexOf(0) !== -1) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(prefix, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** The full text test, streamed: no NUL byte anywhere and valid UTF-8 from start to end. */
export interface TextCheck {
  push(chunk: Uint8Array): void;
  end(): boolean;
}

export function createTextCheck(): TextCheck {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let ok = true;
  return {
    push(chunk) {
      if (!ok) return;
      if (chunk.indexOf(0) !== -1) ok = false;
      else {
        try {
          decoder.decode(chunk, { stream: true });
        } catch {
          ok = false;
        }
      }
    },
    end() {
      if (!ok) return false;
      try {
        decoder.decode();
        return true;
      } catch {
        return false;
      }
    },
  };
}
