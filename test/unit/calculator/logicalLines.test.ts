import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { logicalLines, updateLogicalLines, type LogicalLine } from '../../../src/calculator/logicalLines';
import { repoRoot } from '../analysis/grammar';

/** Python files of the fixtures: realistic training code plus every rule's cases. */
function corpus(): string[] {
  const dirs = ['test/fixtures/rules', 'test/fixtures/python/clean'].map((d) => join(repoRoot, d));
  return dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.py')).sort().map((f) => readFileSync(join(d, f), 'utf8')));
}

/** Text a user types that changes how lines join: brackets, quotes, comments, continuations. */
const TYPED = ['(', ')', '[', ']', '{', '"', "'", '"""', "'''", '#', '\\\n', '\n', 'x = [1,\n', '    ', 'a', ''];

/** A 10 MB-class file: one literal over a million physical lines, with statements before and after. */
function hugeLiteralFile(): string {
  const rows = Array.from({ length: 1_000_000 }, (_, i) => `${i}.5`).join(',\n    ');
  return `import torch\nx = torch.tensor([${rows}])\n${'y = x\n'.repeat(2_000)}`;
}

describe('logical lines', () => {
  it('joins bracketed, quoted and continued lines and drops comments', () => {
    const src = 'a = [1,\n     2]  # two\nb = """x\ny"""\nc = 1 + \\\n    2\n\n# only a comment\nif a:\n    d = (3,  # three\n         4)\n';
    const lines = logicalLines(src);
    assert.deepEqual(
      lines.map((l) => [l.text, l.indent]),
      [['a = [1,\n     2]  ', 0], ['b = """x\ny"""', 0], ['c = 1 +  ' + '    2', 0], ['if a:', 0], ['d = (3,  \n         4)', 4]],
    );
    assert.equal(lines[1].code, 'b = """___"""');
    for (const l of lines) assert.equal(l.code.length, l.text.length);
    assert.equal(src.slice(lines[0].start, lines[0].start + 5), 'a = [');
    assert.equal(src[lines[0].end], '\n');
  });

  it('after any edit, updating the previous lines gives what splitting the new text gives', () => {
    let seed = 11;
    const random = (k: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % k;
    };
    let edits = 0;
    for (const file of corpus()) {
      let previous = { text: file, lines: logicalLines(file) };
      for (let e = 0; e < 25; e++) {
        const at = random(previous.text.length + 1);
        const end = Math.min(previous.text.length, at + random(5));
        const text = previous.text.slice(0, at) + TYPED[random(TYPED.length)] + previous.text.slice(end);
        const updated = updateLogicalLines(previous, text);
        assert.deepEqual(updated, logicalLines(text), `edit [${at}, ${end}) of ${JSON.stringify(previous.text.slice(Math.max(0, at - 20), at + 20))}`);
        previous = { text, lines: updated };
        edits++;
      }
    }
    assert.ok(edits > 500, `${edits} edits`);
  });

  it('keeps the lines an edit does not reach: a keystroke after a huge literal does not rescan it', () => {
    const text = hugeLiteralFile();
    const lines = logicalLines(text);
    const literal = lines[1];
    assert.ok(literal.text.startsWith('x = torch.tensor([0.5,') && literal.text.length > 9_000_000);
    const at = text.lastIndexOf('y = x');
    const typed = text.slice(0, at) + 'z' + text.slice(at);
    const after = updateLogicalLines({ text, lines }, typed);
    assert.equal(after[1], literal, 'the literal line is the same object');
    assert.equal(after.length, lines.length);
    assert.equal(after.at(-1)!.text, 'zy = x');
    // Typed before the literal: its line moves by one character and keeps its text.
    const before = updateLogicalLines({ text, lines }, 'import torch as t' + text.slice('import torch'.length));
    assert.equal(before[1].start, literal.start + 5);
    assert.equal(before[1].text, literal.text);
  });

  it('splits a 14 MB literal file within a generous bound (appending character by character took over 10 s)', function () {
    this.timeout(60_000);
    const text = hugeLiteralFile();
    const t = performance.now();
    const lines: LogicalLine[] = logicalLines(text);
    const ms = performance.now() - t;
    assert.equal(lines.length, 2 + 2_000);
    assert.ok(ms < 5_000, `${ms.toFixed(0)} ms`);
  });
});
