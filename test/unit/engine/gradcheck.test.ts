import * as assert from 'node:assert/strict';
import { LOSSES, type LossSignature } from '../../../src/catalogue';
import { evaluate, supportedLosses, type TensorLike } from '../../../src/engine';
import { GRAD_INPUTS, makeRng, type GradCase } from './gradInputs';

// Central differences on float64: truncation ~h², round-off ~1e-16·|f|/h, both far below the tolerance.
const H = 1e-6;
const RTOL = 1e-5;
const ATOL = 1e-6;

function reductionsOf(sig: LossSignature): readonly string[] {
  return sig.params.find((p) => p.type === 'reduction')?.choices ?? [];
}

function logSoftmaxLastDim(shape: readonly number[], z: Float64Array): Float64Array {
  const c = shape[shape.length - 1];
  const out = new Float64Array(z.length);
  for (let r = 0; r < z.length; r += c) {
    let m = -Infinity;
    for (let k = 0; k < c; k++) m = Math.max(m, z[r + k]);
    let s = 0;
    for (let k = 0; k < c; k++) s += Math.exp(z[r + k] - m);
    const lse = m + Math.log(s);
    for (let k = 0; k < c; k++) out[r + k] = z[r + k] - lse;
  }
  return out;
}

/** The forward arguments the engine sees when `name` holds the perturbed values `z`. */
function argsAt(c: GradCase, name: string, z: Float64Array): Record<string, TensorLike> {
  const t = c.args[name];
  const data = c.throughLogSoftmax === name ? logSoftmaxLastDim(t.shape, z) : z;
  return { ...c.args, [name]: { ...t, data } };
}

function total(module: string, params: Record<string, unknown>, args: Record<string, TensorLike>): number {
  const out = evaluate({ module, params, args }).output.data;
  let s = 0;
  for (let i = 0; i < out.length; i++) s += out[i];
  return s;
}

/**
 * Compares every gradient the engine returns with central differences of output.sum(),
 * element by element, at the case's point and reduction.
 */
function checkGradients(module: string, c: GradCase, reduction: string): void {
  const params = { ...c.params, reduction };
  const start: Record<string, TensorLike> = { ...c.args };
  for (const name of c.throughLogSoftmax ? [c.throughLogSoftmax] : []) {
    start[name] = argsAt(c, name, Float64Array.from(c.args[name].data as Float64Array))[name];
  }
  const r = evaluate({ module, params, args: start }, { grad: true });
  const grads = Object.entries(r.grad ?? {});
  assert.ok(grads.length > 0, `${module} returned no gradient`);
  for (const [name, g] of grads) {
    const z0 = Float64Array.from(c.args[name].data as ArrayLike<number>);
    assert.deepEqual([...g.shape], [...c.args[name].shape], `grad.${name} shape`);
    for (let i = 0; i < z0.length; i++) {
      const h = H * Math.max(1, Math.abs(z0[i]));
      const z = Float64Array.from(z0);
      z[i] = z0[i] + h;
      const up = total(module, params, argsAt(c, name, z));
      z[i] = z0[i] - h;
      const down = total(module, params, argsAt(c, name, z));
      const numeric = (up - down) / (2 * h);
      const analytic = g.data[i];
      assert.ok(
        Math.abs(analytic - numeric) <= ATOL + RTOL * Math.abs(numeric),
        `grad.${name}[${i}]: analytic ${analytic}, central difference ${numeric}`,
      );
    }
  }
}

describe('finite-difference gradient check', () => {
  it('has a smooth valid-input generator for every catalogue loss', () => {
    const missing = LOSSES.map((l) => l.module).filter((m) => !GRAD_INPUTS[m]);
    assert.deepEqual(missing, []);
  });

  it('covers every catalogue loss because the engine implements them all', () => {
    const implemented = new Set(supportedLosses().map((l) => l.module));
    assert.deepEqual(LOSSES.map((l) => l.module).filter((m) => !implemented.has(m)), []);
  });

  // Iterating the catalogue (not the engine) makes a missing implementation fail here, never skip.
  for (const sig of LOSSES) {
    describe(sig.module, () => {
      const gen = GRAD_INPUTS[sig.module];
      if (!gen) return;
      for (const c of gen(makeRng(0x1055 + sig.module.length))) {
        for (const reduction of reductionsOf(sig)) {
          it(`analytic gradients match central differences for ${c.name}, reduction=${reduction}`, () =>
            checkGradients(sig.module, c, reduction));
        }
      }
    });
  }
});
