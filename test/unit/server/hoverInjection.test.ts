// Option text in a hover comes from the document, so a repository controls it. Rendered by a real
// CommonMark + GFM parser, it must stay inside its code span: no link, image or HTML of its own.
import * as assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis';
import { lossById } from '../../../src/catalogue';
import { codeSpan, renderEntry } from '../../../src/catalogue/render';
import { OPEN_CALCULATOR as CALCULATOR_COMMAND } from '../../../src/protocol/server';
import { hoverContent } from '../../../src/server/hoverContent';
import { testGrammar } from '../analysis/grammar';

// markdown-it ships with the build tools (vsce, mocha); it has no type declarations of its own here.
const MarkdownIt: new (options: { html: boolean }) => { render(src: string): string; renderInline(src: string): string } = require('markdown-it');
// `html: true` makes any raw HTML that escaped its code span show up as a real tag in the output.
const markdown = new MarkdownIt({ html: true });

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Every link target and image source in rendered HTML, and whether raw (unescaped) tags appear. */
function rendered(html: string): { hrefs: string[]; images: string[]; rawTags: string[] } {
  const hrefs = [...html.matchAll(/<a\s+href="([^"]*)"/g)].map((m) => m[1]);
  const images = [...html.matchAll(/<img\s+src="([^"]*)"/g)].map((m) => m[1]);
  // Tags markdown itself produces for our markdown; anything else came from raw HTML.
  const own = new Set(['a', 'img', 'p', 'code', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'strong', 'em', 'h4', 'ul', 'li', 'br', 'hr']);
  const rawTags = [...html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => m[1].toLowerCase()).filter((t) => !own.has(t));
  return { hrefs, images, rawTags };
}

/** Option values a hostile repository can write (as Python source, the way the analyzer reports them). */
const HOSTILE: [string, string][] = [
  ['a backtick closing the span, then a link', '"`](http://x)"'],
  ['a double-backtick run and a link', "f'``x``](http://x) [click](http://x)'"],
  ['a remote image', '"![](http://evil/img.png)"'],
  ['a backtick, then a remote image', '"`![](http://evil/img.png)`"'],
  ['HTML tags', '"<img src=http://evil/img.png onerror=alert(1)> <a href=http://x class=\\"evil\\">x</a>"'],
  ['a long backtick run', '"' + '`'.repeat(40) + '](http://x)' + '`'.repeat(3) + '"'],
  ['a newline, then a block image', '"""a\n\n![](http://evil/img.png)\n"""'],
  ['a newline, then a table row and a link', '(\n    "x"\n    "| [a](http://x) |"\n)'],
  ['pipes after backslashes', '"\\\\|`](http://x)\\\\\\\\| ![](http://evil/img.png) |"'],
  ['a reference definition', "'''\n[x]: http://x\n[x]'''"],
];

describe('hover markdown from hostile option text', () => {
  it('a code span holds any text: longer fences than the text, padding at backticks and spaces, line breaks as spaces', () => {
    const cases = ['plain', '`', 'a`b', '``x``', '`x`', ' x ', 'a\nb', '<b>x</b>', '](http://x)', '`'.repeat(7)];
    for (const text of cases) {
      const html = markdown.renderInline(codeSpan(text));
      assert.equal(html, `<code>${escapeHtml(text.replace(/\n/g, ' '))}</code>`, `code span of ${JSON.stringify(text)}`);
    }
    assert.equal(markdown.renderInline(codeSpan('')), '<code> </code>');
  });

  it('a code span shows at most a line of a huge literal', () => {
    const huge = `torch.tensor([${'1.0, '.repeat(200_000)}])`;
    const span = codeSpan(huge);
    assert.ok(span.length < 200, `span of ${span.length} characters`);
    assert.ok(span.includes('…'));
  });

  const entry = lossById('crossEntropy')!;
  for (const [what, source] of HOSTILE) {
    it(`renders ${what} as code in the parameter table, with no link, image or HTML of its own`, () => {
      const md = renderEntry(entry, { locale: 'en', sections: ['params'], configured: { label_smoothing: source } });
      const html = markdown.render(md);
      const out = rendered(html);
      assert.deepEqual(out.hrefs, [], html);
      assert.deepEqual(out.images, [], html);
      assert.deepEqual(out.rawTags, [], html);
      // The table keeps its shape: every body row has the same four cells as the header.
      const rows = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => (m[1].match(/<t[hd][ >]/g) ?? []).length);
      assert.ok(rows.length > 1 && rows.every((n) => n === 4), `cells per row: ${rows.join(', ')}\n${html}`);
      const row = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => m[1]).find((r) => r.includes('label_smoothing'))!;
      assert.match(row, /<td><code>[\s\S]+<\/code><\/td>/, `the configured value is one code span: ${row}`);
    });
  }

  for (const [what, source] of HOSTILE) {
    it(`the editor hover over a criterion configured with ${what} links only to the docs and the calculator`, async () => {
      const text = `import torch.nn as nn\ncriterion = nn.CrossEntropyLoss(label_smoothing=${source})\nloss = criterion(x, y)\n`;
      const doc = new DocumentAnalysis(await testGrammar(), text);
      try {
        const h = hoverContent(doc, text.lastIndexOf('criterion(') + 3, { locale: 'en', calculatorLink: true, formulaImage: (id, v) => `data:image/svg+xml;base64,${id}-${v}` });
        assert.ok(h, 'a hover');
        assert.equal(h.calculator.params.label_smoothing, source, 'the calculator gets the exact source text');
        const out = rendered(markdown.render(h.markdown));
        assert.ok(out.images.every((src) => src.startsWith('data:image/svg+xml;base64,')), `images: ${out.images.join(', ')}`);
        assert.deepEqual(out.rawTags, []);
        assert.equal(out.hrefs.length, 2, `links: ${out.hrefs.join(', ')}`);
        assert.match(out.hrefs[0], /^https:\/\/pytorch\.org\/docs\//);
        assert.ok(out.hrefs[1].startsWith(`command:${CALCULATOR_COMMAND}?`), out.hrefs[1]);
        // The whole argument list survives the link: a `)` in the source does not end the link early.
        const args = JSON.parse(decodeURIComponent(out.hrefs[1].slice(`command:${CALCULATOR_COMMAND}?`.length).replace(/&amp;/g, '&')));
        assert.deepEqual(args, [{ module: 'CrossEntropyLoss', params: { label_smoothing: source } }]);
      } finally {
        doc.dispose();
      }
    });
  }
});
