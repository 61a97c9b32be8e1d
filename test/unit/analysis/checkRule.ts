import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../src/analysis/analyze';
import { applyEdits, type Diagnostic } from '../../../src/analysis/diagnostic';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { walk } from '../../../src/analysis/syntax';
import { repoRoot, testGrammar } from './grammar';

export const RULE_FIXTURES = join(repoRoot, 'test/fixtures/rules');

interface Expectation {
  line: number;
  code: string;
  fragment?: string;
}

/** `# expect: LL101` or `# expect: LL101 "raw logits"` markers, by 1-based line. */
export function expectations(text: string): Expectation[] {
  const out: Expectation[] = [];
  text.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(/#.*?expect:\s*(LL\d{3})(?:\s+"([^"]*)")?/g)) out.push({ line: i + 1, code: m[1], fragment: m[2] });
  });
  return out;
}

export async function diagnose(text: string, code: string): Promise<{ diags: Diagnostic[]; doc: DocumentAnalysis }> {
  const doc = new DocumentAnalysis(await testGrammar(), text);
  const errors: unknown[] = [];
  const diags = analyze(doc, { select: new Set([code]), onRuleError: (_c, e) => errors.push(e) });
  assert.deepEqual(errors, [], `rule ${code} threw`);
  return { diags, doc };
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

function hasErrors(doc: DocumentAnalysis): boolean {
  let bad = false;
  walk(doc.root, (n) => {
    if (n.type === 'ERROR') bad = true;
    return !bad;
  });
  return bad;
}

async function assertMatches(text: string, code: string, where: string): Promise<Diagnostic[]> {
  const { diags } = await diagnose(text, code);
  const got = diags.map((d) => `${lineOf(text, d.start)}:${d.code}`).sort();
  const want = expectations(text)
    .filter((e) => e.code === code)
    .map((e) => `${e.line}:${e.code}`)
    .sort();
  assert.deepEqual(got, want, `${where}: findings (line:code) differ from # expect markers`);
  for (const e of expectations(text).filter((x) => x.code === code && x.fragment)) {
    const d = diags.find((x) => lineOf(text, x.start) === e.line)!;
    assert.ok(d.message.includes(e.fragment!), `${where}:${e.line}: message "${d.message}" lacks "${e.fragment}"`);
  }
  return diags;
}

/**
 * The data-driven check for one rule: findings equal the fixture's markers with only that rule
 * enabled; applying every preferred fix gives `<code>.fixed.py`, which still parses and whose own
 * markers (findings without a fix) are all that remain.
 */
export async function checkRule(code: string): Promise<void> {
  const file = join(RULE_FIXTURES, `${code}.py`);
  const text = readFileSync(file, 'utf8');
  const diags = await assertMatches(text, code, `${code}.py`);
  for (const d of diags) assert.ok(d.fixes.filter((f) => f.preferred).length <= 1, `${code}: more than one preferred fix`);
  const fixedFile = join(RULE_FIXTURES, `${code}.fixed.py`);
  if (!existsSync(fixedFile)) {
    assert.ok(diags.every((d) => d.fixes.length === 0), `${code} offers fixes but has no ${code}.fixed.py`);
    return;
  }
  const edits = diags.flatMap((d) => d.fixes.filter((f) => f.preferred).flatMap((f) => f.edits));
  const fixed = applyEdits(text, edits);
  assert.equal(fixed, readFileSync(fixedFile, 'utf8'), `${code}: applying the preferred fixes does not give ${code}.fixed.py`);
  const { doc, diags: after } = await diagnose(fixed, code);
  assert.equal(hasErrors(doc), false, `${code}.fixed.py does not parse cleanly`);
  // Findings without a preferred fix remain (on lines still carrying their marker); all others are gone.
  const unfixed = diags.filter((d) => !d.fixes.some((f) => f.preferred)).length;
  assert.equal(after.length, unfixed, `${code}.fixed.py: expected ${unfixed} findings left after fixing, got ${after.length}`);
  const marked = new Set(expectations(fixed).filter((e) => e.code === code).map((e) => e.line));
  for (const d of after) assert.ok(marked.has(lineOf(fixed, d.start)), `${code}.fixed.py:${lineOf(fixed, d.start)}: unexpected finding`);
}
