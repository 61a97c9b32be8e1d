import * as assert from 'node:assert/strict';
import { evaluate, LossError, type Tensor } from '../../../src/engine';
import type { TensorJson } from '../../../src/engine/json';

export interface FixtureCase {
  id: string;
  module: string;
  dtype: 'float64' | 'float32';
  params: Record<string, unknown>;
  args: Record<string, unknown>;
  output: TensorJson | null;
  grad: Record<string, TensorJson> | null;
  error: { type: string; match: string } | null;
  tags?: string[];
}

function decode(v: number | string): number {
  if (v === 'nan') return NaN;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  return v as number;
}

function tolerances(dtype: string): { rtol: number; atol: number } {
  return dtype === 'float32' ? { rtol: 2e-5, atol: 1e-6 } : { rtol: 1e-10, atol: 1e-12 };
}

export function assertTensorClose(what: string, got: Tensor | undefined, want: TensorJson, dtype: string): void {
  assert.ok(got, `${what}: missing`);
  assert.deepEqual([...got.shape], want.shape, `${what}: shape`);
  assert.equal(got.dtype, want.dtype, `${what}: dtype`);
  const { rtol, atol } = tolerances(dtype);
  for (let i = 0; i < want.data.length; i++) {
    const w = decode(want.data[i]);
    const g = got.data[i];
    if (!Number.isFinite(w)) {
      assert.ok(Object.is(g, w) || (Number.isNaN(w) && Number.isNaN(g)), `${what}[${i}]: got ${g}, want ${w}`);
      continue;
    }
    assert.ok(Math.abs(g - w) <= atol + rtol * Math.abs(w), `${what}[${i}]: got ${g}, want ${w} (diff ${g - w})`);
  }
}

/** Runs one PyTorch fixture case: value and every gradient, or the same kind of error. */
export function checkLossCase(c: FixtureCase): void {
  const spec = { module: c.module, params: c.params, args: c.args };
  if (c.error) {
    assert.throws(
      () => evaluate(spec, { grad: true }),
      (e: unknown) => {
        assert.ok(e instanceof LossError, `expected a LossError, got ${String(e)}`);
        assert.equal(e.type, c.error!.type, `error type (message: ${e.message})`);
        assert.ok(
          e.message.toLowerCase().includes(c.error!.match.toLowerCase()),
          `error message "${e.message}" should contain "${c.error!.match}"`,
        );
        return true;
      },
    );
    return;
  }
  const r = evaluate(spec, { grad: true });
  assertTensorClose('output', r.output, c.output!, c.dtype);
  const want = c.grad ?? {};
  assert.deepEqual(Object.keys(r.grad ?? {}).sort(), Object.keys(want).sort(), 'gradient keys');
  for (const [name, g] of Object.entries(want)) assertTensorClose(`grad.${name}`, r.grad?.[name], g, c.dtype);
}
