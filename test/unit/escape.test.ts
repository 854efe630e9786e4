import { describe, expect, it } from 'vitest';
import { escapeXml, isInvalidXmlChar } from '@govapp/app-graph/xml-escape';
import { escapeAttr as replayEscapeAttr } from '../../drivers/replay/lib/source-render.ts';
import { escapeMarkup } from '../../src/escape.ts';
import { escapeAttr as webEscapeAttr } from '../../src/web/xml-attr.ts';
import { parseXmlDocument } from '../../src/snapshot/parse.ts';

/**
 * One table for every escaper: the shared escapeXml and its three callers — report markup (bidi
 * removed), page sources converted from the DOM (Android's serialiser), page sources served by
 * the replay driver (the UiAutomator2 server). Where they differ the table says so, column by column.
 */
const ROWS: ReadonlyArray<{ name: string; input: string; markup: string; web: string; replay: string }> = [
  { name: 'markup characters', input: `a&b<c>d"e'f`, markup: 'a&amp;b&lt;c&gt;d&quot;e&#39;f', web: 'a&amp;b&lt;c&gt;d&quot;e&#39;f', replay: 'a&amp;b&lt;c&gt;d&quot;e&#39;f' },
  { name: 'already escaped text is escaped again', input: '&amp;', markup: '&amp;amp;', web: '&amp;amp;', replay: '&amp;amp;' },
  { name: 'tab, LF, CR', input: 'a\tb\nc\rd', markup: 'a\tb\nc\rd', web: 'a&#9;b&#10;c&#13;d', replay: 'a&#9;b&#10;c&#13;d' },
  { name: 'C0 controls XML 1.0 forbids', input: 'x\u0000y\u0001z\u001f', markup: 'x\ufffdy\ufffdz\ufffd', web: 'x\ufffdy\ufffdz\ufffd', replay: 'xyz' },
  { name: 'U+FFFE and U+FFFF', input: 'a\ufffeb\uffff', markup: 'a\ufffdb\ufffd', web: 'a\ufffdb\ufffd', replay: 'ab' },
  { name: 'lone high surrogate', input: 'a\ud83db', markup: 'a\ufffdb', web: 'a\ufffdb', replay: 'ab' },
  { name: 'lone low surrogate', input: 'a\ude00b', markup: 'a\ufffdb', web: 'a\ufffdb', replay: 'ab' },
  { name: 'a valid pair beyond the BMP', input: '😀𠀀', markup: '😀𠀀', web: '&#128512;&#131072;', replay: '😀𠀀' },
  { name: 'bidi controls: removed from what people read, kept in page sources', input: 'a\u202eb\u2066c\u200fd', markup: 'abcd', web: 'a\u202eb\u2066c\u200fd', replay: 'a\u202eb\u2066c\u200fd' },
  { name: 'Chinese text and DEL pass through', input: '政务\u007f服务', markup: '政务\u007f服务', web: '政务\u007f服务', replay: '政务\u007f服务' },
];

describe('one markup escaper', () => {
  for (const row of ROWS) {
    it(row.name, () => {
      expect(escapeMarkup(row.input)).toBe(row.markup);
      expect(webEscapeAttr(row.input)).toBe(row.web);
      expect(replayEscapeAttr(row.input)).toBe(row.replay);
    });
  }

  it('the callers are the shared escaper with their options, not escapers of their own', () => {
    for (const { input } of ROWS) {
      expect(webEscapeAttr(input)).toBe(escapeXml(input, { whitespace: 'reference', astral: 'reference' }));
      expect(replayEscapeAttr(input)).toBe(escapeXml(input, { invalid: 'drop', whitespace: 'reference' }));
    }
  });

  it('page-source attributes parse back to the input, less what XML 1.0 cannot carry', () => {
    const keep = (input: string, lost: string) => Array.from(input, (ch) => (isInvalidXmlChar(ch.codePointAt(0)!) ? lost : ch)).join('');
    for (const { input } of ROWS) {
      for (const [escape, lost] of [[webEscapeAttr, '\ufffd'], [replayEscapeAttr, '']] as const) {
        const doc = parseXmlDocument(`<hierarchy a="${escape(input)}" b='${escape(input)}'/>`, 'escape-table');
        expect(doc.documentElement!.getAttribute('a')).toBe(keep(input, lost));
        expect(doc.documentElement!.getAttribute('b')).toBe(keep(input, lost));
      }
      // Report markup is well-formed too, in text and in either kind of quoted attribute.
      const m = escapeMarkup(input);
      expect(() => parseXmlDocument(`<hierarchy a="${m}" b='${m}'>${m}</hierarchy>`, 'escape-table')).not.toThrow();
    }
  });
});
