/**
 * Orders strings by Unicode code point, the order Python's `sorted()` and `sort_keys=True` use,
 * and the order of their UTF-8 bytes. JavaScript's `<` compares UTF-16 code units, which puts an
 * astral character (a surrogate pair, 0xD800–0xDFFF) before U+E000–U+FFFF; we lift surrogates
 * above that range at the first differing unit, so no string is re-encoded.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      if (x >= 0xd800 && y >= 0xd800) {
        x += x < 0xe000 ? 0x2000 : -0x800;
        y += y < 0xe000 ? 0x2000 : -0x800;
      }
      return x - y;
    }
  }
  return a.length - b.length;
}
