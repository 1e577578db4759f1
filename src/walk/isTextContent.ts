import { isUtf8 } from 'node:buffer';

/** The `repo` scope's text rule: no NUL byte and valid UTF-8 (an empty file is text). */
export function isTextContent(bytes: Uint8Array): boolean {
  return !bytes.includes(0) && isUtf8(bytes);
}
