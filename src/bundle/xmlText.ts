/**
 * Text that an XML 1.0 parser accepts whatever the file holds. Characters XML 1.0 cannot carry at
 * all (C0 controls other than tab and line feed, lone surrogates, U+FFFE, U+FFFF) become U+FFFD;
 * CDATA sections are split before every `]]>`, even when it spans two streamed chunks.
 */

// Carriage returns never reach here (text is normalized to LF); one in a path is escaped below.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** `text` with every character XML 1.0 cannot hold replaced by U+FFFD. */
export function xmlChars(text: string): string {
  return text.replace(NOT_XML_CHAR, '\uFFFD');
}

// Line ends some parsers turn into LF (XML 1.1 rules): written as character references.
const LINE_ENDS = /[\u0085\u2028\u2029]/g;
const charRef = (c: string) => `&#${c.charCodeAt(0)};`;

/** An attribute value (for double quotes); tab, LF and CR survive attribute normalization. */
export function xmlAttr(text: string): string {
  return xmlChars(text).replace(/[&<>"\t\n\r\u0085\u2028\u2029]/g, charRef);
}

/** Element text. */
export function xmlEscape(text: string): string {
  return xmlChars(text).replace(/[&<>\u0085\u2028\u2029]/g, charRef);
}

/**
 * Inside `<![CDATA[`…`]]>`: `]]>` becomes `]]` + `]]><![CDATA[` + `>`, across chunks too; the
 * line ends above leave the section as character references.
 */
export function createCdataEscaper(): { push(text: string): string; end(): string } {
  let held = '';
  return {
    push(text) {
      const s = held + xmlChars(text);
      // Keep a trailing `]` or `]]`: the next chunk may complete a `]]>`.
      const keep = s.endsWith(']]') ? 2 : s.endsWith(']') ? 1 : 0;
      held = s.slice(s.length - keep);
      return s
        .slice(0, s.length - keep)
        .replaceAll(']]>', ']]]]><![CDATA[>')
        .replace(LINE_ENDS, (c) => `]]>${charRef(c)}<![CDATA[`);
    },
    end() {
      const out = held;
      held = '';
      return out;
    },
  };
}
