import * as assert from 'node:assert/strict';
import { evaluate, LossError, type Evaluation, type TensorLike } from '../../../../src/engine';

export const f64 = (shape: number[], data: (number | string)[]): TensorLike => ({ shape, dtype: 'float64', data });
export const f32 = (shape: number[], data: (number | string)[]): TensorLike => ({ shape, dtype: 'float32', data });
export const i64 = (shape: number[], data: number[]): TensorLike => ({ shape, dtype: 'int64', data });

/** `torch.nn.<module>(**params)(**args)` with gradients. */
export function run(module: string, params: Record<string, unknown>, args: Record<string, unknown>): Evaluation {
  return evaluate({ module, params, args }, { grad: true });
}

export function value(r: Evaluation): number {
  assert.deepEqual([...r.output.shape], [], 'a reduced output is 0-d');
  return r.output.data[0];
}

export function grad(r: Evaluation, name: string): number[] {
  const g = r.grad?.[name];
  assert.ok(g, `gradient for ${name}`);
  return Array.from(g.data);
}

/** Float64 agreement for independently computed values; nan equals nan, infinities must match. */
export function close(got: number, want: number, what: string, rtol = 1e-12): void {
  if (!Number.isFinite(want)) {
    assert.ok(Object.is(got, want) || (Number.isNaN(got) && Number.isNaN(want)), `${what}: got ${got}, want ${want}`);
    return;
  }
  assert.ok(Math.abs(got - want) <= 1e-13 + rtol * Math.abs(want), `${what}: got ${got}, want ${want}`);
}

export function closeAll(got: ArrayLike<number>, want: ArrayLike<number>, what: string, rtol = 1e-12): void {
  assert.equal(got.length, want.length, `${what}: length`);
  for (let i = 0; i < want.length; i++) close(got[i], want[i], `${what}[${i}]`, rtol);
}

/** Asserts a LossError of torch's Python type that names `argument` and contains every fragment. */
export function throwsLoss(fn: () => unknown, type: string, argument: string, fragments: string[]): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof LossError, `expected a LossError, got ${String(e)}`);
    assert.equal(e.type, type, e.message);
    assert.equal(e.argument, argument, e.message);
    for (const f of fragments) assert.ok(e.message.includes(f), `"${e.message}" should contain "${f}"`);
    return true;
  });
}

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
