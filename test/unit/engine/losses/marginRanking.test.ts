import * as assert from 'node:assert/strict';
import { closeAll, f64, grad, run, throwsLoss } from './pointwiseHelpers';

const a = [0.5, -1, 2, 0.25, 1];
const b = [0, 0.5, 2.5, 0.25, -1];
const y = [1, -1, 1, -1, -1];

describe('MarginRankingLoss edge cases', () => {
  it('is unchanged when input1 and input2 swap and the target flips sign', () => {
    const p = { margin: 0.3, reduction: 'none' };
    const r1 = run('MarginRankingLoss', p, { input1: f64([5], a), input2: f64([5], b), target: f64([5], y) });
    const r2 = run('MarginRankingLoss', p, { input1: f64([5], b), input2: f64([5], a), target: f64([5], y.map((v) => -v)) });
    closeAll(r2.output.data, r1.output.data, 'values');
    closeAll(grad(r2, 'input1'), grad(r1, 'input2'), 'grads swap');
  });

  it('equals max(0, −y·(x1 − x2) + margin), passing the gradient at the boundary where it is exactly 0', () => {
    const r = run('MarginRankingLoss', { margin: 0.5, reduction: 'none' }, { input1: f64([2], [1, 1]), input2: f64([2], [0.5, 0]), target: f64([2], [1, 1]) });
    closeAll(r.output.data, [0, 0], 'values');
    closeAll(grad(r, 'input1'), [-1, 0], 'boundary passes, inside the margin is 0');
    closeAll(grad(r, 'target'), [-0.5, 0], 'target grad');
  });

  it('broadcasts inputs of the same number of dims, summing gradients back', () => {
    const r = run('MarginRankingLoss', { reduction: 'sum' }, { input1: f64([2, 1], [1, 2]), input2: f64([1, 3], [0, 3, 1.5]), target: f64([1, 1], [-1]) });
    closeAll(r.output.data, [1 + 0 + 0 + 2 + 0 + 0.5], 'value');
    closeAll(grad(r, 'input1'), [1, 2], 'input1 grad');
    assert.deepEqual([...(r.grad?.target.shape ?? [])], [1, 1]);
  });

  it('rejects inputs with different numbers of dims with a RuntimeError listing the sizes', () => {
    throwsLoss(() => run('MarginRankingLoss', {}, { input1: f64([2], [1, 2]), input2: f64([2, 1], [1, 2]), target: f64([2], [1, 1]) }), 'RuntimeError', 'input2', [
      'margin_ranking_loss : All input tensors should have same dimension but got sizes: input1: torch.Size([2]), input2: torch.Size([2, 1])',
    ]);
  });

  it('rejects sizes that do not broadcast with a RuntimeError naming the argument', () => {
    throwsLoss(() => run('MarginRankingLoss', {}, { input1: f64([2], [1, 2]), input2: f64([3], [1, 2, 3]), target: f64([2], [1, 1]) }), 'RuntimeError', 'input2', [
      'must match the size',
    ]);
  });
});
