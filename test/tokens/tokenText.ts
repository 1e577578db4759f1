/** Hostile text for token tests: pieces each pre-tokenizer pattern treats specially. */
import fc from 'fast-check';

const FRAGMENTS = [
  ' ', '  ', '\n', '\n\n', '\t', '\r\n', '\r', '/', '//', '/*', '`', '```', ']]>', ']]', '"', "'s", "'LL", 'a', 'Zz', 'word',
  'Hello', 'ÉCOLE', '\u0301', 'e\u0301', 'é', '日本語', '😀', '123', '4567', '٣', '#', '##', '-', '---', '{', '}', '(', ')',
  '<|endoftext|>', '<|im_start|>', '\u0000', '\u001b', '\u2028', '\u00a0', '\uFEFF', '\uFFFE', 'x\ny', ' \n ', '.\n', '}\n\n',
];

/** A string made of hostile fragments and arbitrary characters. */
export const hostileText = (maxPieces = 40): fc.Arbitrary<string> =>
  fc
    .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 4 }), fc.string({ unit: 'grapheme', maxLength: 3 })), {
      maxLength: maxPieces,
    })
    .map((parts) => parts.join(''));
