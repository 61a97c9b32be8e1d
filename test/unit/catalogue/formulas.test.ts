import * as assert from 'node:assert/strict';
import { LOSSES, formulaFor, formulaVariants } from '../../../src/catalogue';
import { THEME_COLOURS, texToSvg } from '../../../scripts/formulaSvg';

describe('catalogue formulas', () => {
  it('rejects broken TeX instead of drawing an error box (so the checks below can fail)', () => {
    assert.throws(() => texToSvg('\\frac{1}{', 'light'), /close brace/i);
    assert.throws(() => texToSvg('\\lossLensUnknownMacro{x}', 'light'), /undefined control sequence/i);
  });

  for (const entry of LOSSES) {
    it(`renders every ${entry.module} formula to SVG in the light and the dark theme colour`, () => {
      for (const variant of formulaVariants(entry.formula)) {
        const tex = formulaFor(entry.formula, variant);
        assert.ok(tex && tex.trim(), `${variant} is empty`);
        for (const theme of ['light', 'dark'] as const) {
          const svg = texToSvg(tex, theme);
          assert.match(svg, /^<svg[^>]+xmlns="http:\/\/www\.w3\.org\/2000\/svg"/, `${variant}/${theme}`);
          assert.ok(svg.includes(`fill="${THEME_COLOURS[theme]}"`), `${variant}/${theme} colour`);
          assert.ok(!svg.includes('currentColor'), `${variant}/${theme} still inherits its colour`);
          assert.ok(!/data-mml-node="merror"/.test(svg), `${variant}/${theme} contains a MathJax error`);
        }
      }
    });
  }
});
