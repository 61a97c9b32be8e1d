import * as assert from 'node:assert/strict';
import { analyze } from '../../../src/analysis/analyze';
import { applyEdits } from '../../../src/analysis/diagnostic';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { noqaEdit } from '../../../src/analysis/noqa';
import { testGrammar } from './grammar';

const SRC = [
  'import torch.nn as nn',
  'import torch.nn.functional as F',
  'a = nn.KLDivLoss()',
  'b = nn.KLDivLoss()  # noqa: LL301',
  'c = nn.KLDivLoss(size_average=False)  # noqa: LL999, ll302',
  'd = nn.KLDivLoss()  # noqa',
  'e = nn.KLDivLoss()  # noqa: LL101',
  '',
].join('\n');

async function codesByLine(text: string): Promise<string[]> {
  const doc = new DocumentAnalysis(await testGrammar(), text);
  return analyze(doc).map((d) => `${text.slice(0, d.start).split('\n').length}:${d.code}`);
}

describe('analysis noqa', () => {
  it('honours `# noqa: CODE` lists (case-insensitive) and bare `# noqa`, and nothing else', async () => {
    assert.deepEqual(await codesByLine(SRC), ['3:LL301', '7:LL301']);
  });

  it('builds a suppress edit that silences exactly that finding, appending to an existing noqa list', async () => {
    const line = 6; // 0-based: `e = ...  # noqa: LL101`
    const text = applyEdits(SRC, [noqaEdit(SRC, line, 'LL301'), noqaEdit(SRC, 2, 'LL301')]);
    assert.ok(text.includes('e = nn.KLDivLoss()  # noqa: LL101, LL301'));
    assert.ok(text.includes('a = nn.KLDivLoss()  # noqa: LL301'));
    assert.deepEqual(await codesByLine(text), []);
  });
});
