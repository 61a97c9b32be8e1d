import type { LossSignature, ParamSpec } from '../catalogue';
import type { WorkMeter } from './budget';
import { LossError, typeError, valueError } from './errors';
import type { Params, ParamValue } from './loss';
import { resolveReduction } from './reduction';
import { describe, isFloat, toTensor, type Tensor } from './tensor';

function decodeFloat(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (v === 'nan') return NaN;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  return undefined;
}

function checkParam(module: string, spec: ParamSpec, value: unknown, meter: WorkMeter): ParamValue {
  const bad = (expected: string): never =>
    typeError(spec.name, `${module}: ${spec.name} must be ${expected}, got ${describe(value)}`);
  switch (spec.type) {
    case 'float': {
      const x = decodeFloat(value);
      return x === undefined ? bad('a float') : x;
    }
    case 'int':
      return typeof value === 'number' && Number.isInteger(value) ? value : bad('an int');
    case 'bool':
      return typeof value === 'boolean' ? value : bad('a bool');
    case 'legacy':
      return value === null || typeof value === 'boolean' ? value : bad('None or a bool');
    case 'reduction':
      return typeof value === 'string' ? value : bad("a string such as 'mean'");
    case 'tensor': {
      if (value === null) return null;
      const t = toTensor(spec.name, value, meter);
      if (!isFloat(t.dtype)) bad('a floating-point tensor or None');
      return t;
    }
    case 'distance': {
      if (value === null) return null;
      const name = (value as { name?: unknown } | undefined)?.name;
      if (typeof value === 'object' && (name === 'pairwise_distance' || name === 'cosine_distance')) {
        return value as ParamValue;
      }
      return bad("None, {name: 'pairwise_distance', p, eps} or {name: 'cosine_distance', eps}");
    }
  }
}

/** Validates constructor kwargs against the catalogue signature and fills in defaults. */
export function resolveParams(sig: LossSignature, given: Readonly<Record<string, unknown>>, meter: WorkMeter): Params {
  const out: Record<string, ParamValue> = {};
  for (const key of Object.keys(given)) {
    if (!sig.params.some((p) => p.name === key)) {
      const names = sig.params.map((p) => p.name).join(', ');
      typeError(key, `${sig.module}.__init__() got an unexpected keyword argument '${key}' (parameters: ${names})`);
    }
  }
  for (const spec of sig.params) {
    const value = Object.prototype.hasOwnProperty.call(given, spec.name) ? given[spec.name] : spec.default;
    out[spec.name] = value === undefined ? spec.default : checkParam(sig.module, spec, value, meter);
  }
  const reductionSpec = sig.params.find((p) => p.type === 'reduction');
  const reduction = resolveReduction(out, reductionSpec?.choices ?? [], sig.module);
  return { ...out, reduction };
}

/**
 * Validates forward arguments: all present, none extra, tensors well-formed, one float dtype.
 * With `promoteIntegers` (losses whose torch ops promote integer tensors), float arguments may
 * be integer tensors; the loss then rejects what torch rejects, and float32 (torch's default
 * dtype) stands in when no argument is floating.
 */
export function resolveArgs(
  sig: LossSignature,
  given: Readonly<Record<string, unknown>>,
  promoteIntegers: boolean,
  meter: WorkMeter,
): { args: Record<string, Tensor | number>; dtype: 'float64' | 'float32' } {
  for (const key of Object.keys(given)) {
    if (!sig.forward.some((a) => a.name === key)) {
      const names = sig.forward.map((a) => a.name).join(', ');
      typeError(key, `${sig.module}.forward() got an unexpected argument '${key}' (arguments: ${names})`);
    }
  }
  const args: Record<string, Tensor | number> = {};
  let dtype: 'float64' | 'float32' | undefined;
  for (const spec of sig.forward) {
    const value = given[spec.name];
    if (value === undefined || value === null) {
      typeError(spec.name, `${sig.module}.forward() missing required argument '${spec.name}'`);
    }
    if (spec.kind === 'floatOrScalar' && typeof value === 'number') {
      args[spec.name] = value;
      continue;
    }
    const t = toTensor(spec.name, value, meter);
    if (spec.kind === 'float' || spec.kind === 'floatOrScalar') {
      if (!isFloat(t.dtype) && !promoteIntegers) {
        throw new LossError(
          'RuntimeError',
          spec.name,
          `${spec.name} must be a floating-point tensor (float32 or float64), got ${t.dtype}`,
        );
      }
    }
    if (isFloat(t.dtype)) {
      if (dtype !== undefined && dtype !== t.dtype) {
        throw new LossError('RuntimeError', spec.name, `expected ${spec.name} to have dtype ${dtype} like the other floating arguments, got ${t.dtype}`);
      }
      dtype = t.dtype;
    }
    args[spec.name] = t;
  }
  if (dtype === undefined && promoteIntegers) dtype = 'float32';
  if (dtype === undefined) valueError(sig.forward[0]?.name, `${sig.module} needs at least one floating-point argument`);
  return { args, dtype };
}
