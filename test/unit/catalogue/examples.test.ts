import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Language, Parser } from 'web-tree-sitter';
import { DocumentAnalysis, loadPython, lossSites, type PythonGrammar } from '../../../src/analysis';
import { LOSSES } from '../../../src/catalogue';

const modules = join(__dirname, '../../../node_modules');
let grammar: PythonGrammar;
let parser: Parser;

/** Tree-sitter's own verdict (ERROR or MISSING nodes anywhere), read from the real tree. */
function hasSyntaxError(text: string): boolean {
  const tree = parser.parse(text);
  try {
    return tree?.rootNode.hasError ?? true;
  } finally {
    tree?.delete();
  }
}

describe('catalogue examples', () => {
  before(async () => {
    const python = readFileSync(join(modules, 'tree-sitter-python/tree-sitter-python.wasm'));
    // loadPython initialises the web-tree-sitter runtime that the raw parser below shares.
    grammar = await loadPython({ runtime: readFileSync(join(modules, 'web-tree-sitter/web-tree-sitter.wasm')), python });
    parser = new Parser();
    parser.setLanguage(await Language.load(python));
  });

  after(() => parser?.delete());

  it('notices a syntax error (so the checks below can fail)', () => {
    assert.equal(hasSyntaxError('criterion = nn.MSELoss(\nloss = criterion(a b)\n'), true);
    assert.equal(hasSyntaxError('criterion = nn.MSELoss()\n'), false);
  });

  for (const entry of LOSSES) {
    it(`parses the ${entry.module} example without syntax errors, and the analyzer finds the loss in it`, () => {
      const doc = new DocumentAnalysis(grammar, entry.example);
      try {
        assert.equal(hasSyntaxError(entry.example), false, `syntax error in:\n${entry.example}`);
        const sites = lossSites(doc).filter((s) => s.id === entry.id);
        assert.ok(sites.some((s) => s.kind === 'construction'), 'no construction of the loss found');
        assert.ok(sites.some((s) => s.kind === 'module'), 'the built criterion is never called');
      } finally {
        doc.dispose();
      }
    });
  }
});
