import * as assert from 'node:assert/strict';
import { analyze } from '../../../src/analysis/analyze';
import { DocumentAnalysis } from '../../../src/analysis/document';
import type { PythonGrammar } from '../../../src/analysis/parse';
import { walk } from '../../../src/analysis/syntax';
import { testGrammar } from './grammar';

const HEADER = 'import torch.nn.functional as F\nloss = F.cross_entropy(F.softmax(logits, dim=1), y)\n';

/** `x = 0 + 1 + … + (n-1)`: CPython compiles it, and its tree is n levels deep. */
function deepSum(n: number): string {
  return `${HEADER}x = ${Array.from({ length: n }, (_, i) => i).join(' + ')}\n`;
}

describe('deeply nested code', function () {
  this.timeout(60000);

  for (const depth of [2000, 20000]) {
    it(`copies a ${depth}-term sum whole and still reports the finding before it`, async () => {
      const doc = new DocumentAnalysis(await testGrammar(), deepSum(depth));
      assert.equal(doc.failure, undefined);
      let binaryOperators = 0;
      walk(doc.root, (n) => {
        if (n.type === 'binary_operator') binaryOperators++;
      });
      let deepest = 0;
      const stack = [{ n: doc.root, depth: 0 }];
      while (stack.length > 0) {
        const { n, depth } = stack.pop()!;
        deepest = Math.max(deepest, depth);
        for (const c of n.children) stack.push({ n: c, depth: depth + 1 });
      }
      assert.equal(binaryOperators, depth - 1);
      assert.ok(deepest >= depth - 1, `copy is ${deepest} deep`);
      const errors: string[] = [];
      const found = analyze(doc, { onRuleError: (code) => errors.push(code) });
      assert.deepEqual(found.map((d) => d.code), ['LL103']);
      assert.deepEqual(errors, []);
    });
  }

  const chains: [string, string][] = [
    ['8,000 nested calls', `z = ${'torch.sigmoid('.repeat(8000)}x${')'.repeat(8000)}`],
    ['a 20,000-method chain', `z = x${'.float()'.repeat(20000)}`],
    ['a 20,000-attribute chain', `z = x${'.a'.repeat(20000)}`],
    ['a 20,000-call chain', `z = f${'()'.repeat(20000)}`],
  ];
  for (const [what, line] of chains) {
    it(`analyses a file holding ${what} whole, reporting the finding before it`, async () => {
      const doc = new DocumentAnalysis(await testGrammar(), `import torch\n${HEADER}${line}\n`);
      const errors: string[] = [];
      const found = analyze(doc, { onRuleError: (code, e) => errors.push(`${code}: ${String(e)}`) });
      assert.deepEqual(errors, []);
      assert.deepEqual(found.map((d) => d.code), ['LL103']);
    });
  }

  it('says why a text could not be copied instead of looking like an empty file', async () => {
    const grammar = await testGrammar();
    const failing: PythonGrammar = {
      ...grammar,
      reader: (tree, cursor) => ({ ...grammar.reader(tree, cursor), firstChild: () => { throw new RangeError('Maximum call stack size exceeded'); } }),
    };
    const doc = new DocumentAnalysis(failing, deepSum(10));
    assert.match(String(doc.failure), /Maximum call stack/);
    assert.equal(doc.root.children.length, 0);
    const fine = new DocumentAnalysis(grammar, deepSum(10));
    assert.equal(fine.failure, undefined);
  });
});
