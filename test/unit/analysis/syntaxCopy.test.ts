import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import TreeSitter = require('web-tree-sitter');
import { ParsedDocument } from '../../../src/analysis/parse';
import { endOf, startOf, type SNode } from '../../../src/analysis/syntax';
import { publicReader } from '../../../src/analysis/treeReader';
import { RULE_FIXTURES } from './checkRule';
import { testGrammar } from './grammar';

/** Every node as `type field [start,end) named`, in document offsets, depth first. */
function flatten(root: SNode): string[] {
  const out: string[] = [];
  const visit = (n: SNode, depth: number): void => {
    out.push(`${' '.repeat(depth)}${n.type} ${n.field ?? '-'} [${startOf(n)},${endOf(n)}) ${n.named ? 'N' : 'a'}`);
    for (const c of n.children) {
      assert.equal(c.parent, n, `parent pointer of ${c.type} at ${startOf(c)}`);
      visit(c, depth + 1);
    }
  };
  visit(root, 0);
  return out;
}

/** The same listing straight from tree-sitter's public API (named nodes; strings and comments are leaves in the copy). */
function fromTreeSitter(text: string, language: TreeSitter.Language): string[] {
  const parser = new TreeSitter.Parser();
  parser.setLanguage(language);
  const tree = parser.parse(text)!;
  const c = tree.walk();
  const r = publicReader(c);
  const out: string[] = [];
  const visit = (depth: number): void => {
    do {
      const type = language.types[r.typeId()] || 'ERROR';
      if (!c.nodeIsNamed) continue; // the copy keeps named nodes only
      out.push(`${' '.repeat(depth)}${type} ${language.fields[r.fieldId()] ?? '-'} [${r.start()},${r.end()}) ${c.nodeIsNamed ? 'N' : 'a'}`);
      if (!['string', 'comment', 'concatenated_string'].includes(type) && r.firstChild()) {
        visit(depth + 1);
        r.parent();
      }
    } while (r.nextSibling());
  };
  visit(0);
  c.delete();
  tree.delete();
  parser.delete();
  return out;
}

describe('syntax copy', () => {
  const fixture = () => readFileSync(join(RULE_FIXTURES, 'LL101.py'), 'utf8') + readFileSync(join(RULE_FIXTURES, 'LL304.py'), 'utf8');

  it('copies exactly the tree web-tree-sitter reports through its public API', async () => {
    const grammar = await testGrammar();
    const text = fixture() + 'def broken(:\n    x = (\n';
    const doc = new ParsedDocument(grammar, text);
    try {
      assert.deepEqual(flatten(doc.root), fromTreeSitter(text, grammar.language));
    } finally {
      doc.dispose();
    }
  });

  it('after each edit equals a fresh copy, re-copying only the touched top-level statements', async () => {
    const grammar = await testGrammar();
    let text = fixture();
    const doc = new ParsedDocument(grammar, text);
    let seed = 9;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
    const inserts = ['x', '\n', '(', ')', ':', '"""', '    ', '# c', 'def f():\n    pass\n', 'nn.BCELoss()', ''];
    let incremental = 0;
    let local = 0;
    try {
      for (let i = 0; i < 300; i++) {
        const start = next() % (text.length + 1);
        const end = Math.min(text.length, start + (next() % 3 === 0 ? next() % 30 : 0));
        const ins = inserts[next() % inserts.length];
        const before = doc.root.children.length;
        doc.update([{ start, end, text: ins }]);
        text = text.slice(0, start) + ins + text.slice(end);
        const change = doc.takeChange();
        if (change) {
          incremental++;
          // Statements outside the change are kept as they were, so caches keyed on them stay valid.
          assert.equal(doc.root.children.length, before - change.removed.length + change.added.length, `edit #${i}`);
          for (const t of change.added) assert.ok(doc.root.children.includes(t));
          if (change.added.length <= 3) local++;
        }
        const fresh = new ParsedDocument(grammar, text);
        assert.deepEqual(flatten(doc.root), flatten(fresh.root), `edit #${i}`);
        fresh.dispose();
      }
    } finally {
      doc.dispose();
    }
    // Most random edits stay inside one statement; a few (an opened string) restructure the file.
    assert.ok(incremental > 200, `only ${incremental} of 300 edits were incremental`);
    assert.ok(local > 150, `only ${local} of 300 edits re-copied at most 3 statements`);
  });

  it('handles several changes in one update and an edit at the very start', async () => {
    const grammar = await testGrammar();
    const text = 'import torch\n\nx = 1\n\ny = 2\n';
    const doc = new ParsedDocument(grammar, text);
    try {
      doc.update([
        { start: text.indexOf('2'), end: text.indexOf('2') + 1, text: 'f(3)' },
        { start: 0, end: 0, text: '# head\n' },
      ]);
      const expected = '# head\nimport torch\n\nx = 1\n\ny = f(3)\n';
      assert.equal(doc.text, expected);
      const fresh = new ParsedDocument(grammar, expected);
      assert.deepEqual(flatten(doc.root), flatten(fresh.root));
      fresh.dispose();
    } finally {
      doc.dispose();
    }
  });
});
