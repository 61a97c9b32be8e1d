import * as assert from 'node:assert/strict';
import { closeAll, f64, grad, i64, run, throwsLoss } from './pointwiseHelpers';

const x = [0.3, 1.5, -0.5, 1, 2, 0.25];

describe('HingeEmbeddingLoss edge cases', () => {
  it('is x for target 1, max(0, margin − x) for −1, and both for any other target', () => {
    const y = [1, 1, -1, -1, 0, 2];
    const r = run('HingeEmbeddingLoss', { margin: 1.2, reduction: 'none' }, { input: f64([6], x), target: f64([6], y) });
    const hinge = (v: number) => Math.max(0, 1.2 - v);
    closeAll(r.output.data, [0.3, 1.5, hinge(-0.5), hinge(1), 2 + hinge(2), 0.25 + hinge(0.25)], 'values');
    closeAll(grad(r, 'input'), [1, 1, -1, -1, 1, 0], 'input grad');
  });

  it('passes the margin gradient at the boundary x == margin', () => {
    const r = run('HingeEmbeddingLoss', { margin: 1, reduction: 'sum' }, { input: f64([1], [1]), target: f64([1], [-1]) });
    assert.deepEqual(grad(r, 'input'), [-1]);
  });

  it('gives the target no gradient and promotes an integer target', () => {
    const r = run('HingeEmbeddingLoss', { reduction: 'sum' }, { input: f64([2], [0.5, 2]), target: i64([2], [1, -1]) });
    closeAll(r.output.data, [0.5], 'value');
    assert.deepEqual(Object.keys(r.grad ?? {}), ['input']);
  });

  it('broadcasts an input row against a (N, D) target', () => {
    const r = run('HingeEmbeddingLoss', { reduction: 'none' }, { input: f64([2], [0.5, 2]), target: f64([2, 2], [1, 1, -1, -1]) });
    assert.deepEqual([...r.output.shape], [2, 2]);
    closeAll(grad(r, 'input'), [0, 1], 'summed over rows');
  });

  it('rejects an integer input and shapes that do not broadcast, naming the argument', () => {
    throwsLoss(() => run('HingeEmbeddingLoss', {}, { input: i64([2], [1, 2]), target: f64([2], [1, -1]) }), 'RuntimeError', 'input', ['could not infer output dtype']);
    throwsLoss(() => run('HingeEmbeddingLoss', {}, { input: f64([3], [1, 2, 3]), target: f64([2], [1, -1]) }), 'RuntimeError', 'target', ['must match the size']);
  });
});
