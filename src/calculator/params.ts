import type { ParamSpec } from '../catalogue';
import { INLINE_BUDGET, type DistanceSpec, type WorkBudget } from '../engine';
import { pythonNumber } from './format';
import { parseTensorLiteral, type LiteralError } from './literal';

export type ParamParse = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: LiteralError };

/** The distance functions the engine knows, as the calculator's form offers them. */
export const DISTANCE_CHOICES = ['None', 'pairwise_distance', 'cosine_distance'] as const;
export const LEGACY_CHOICES = ['None', 'True', 'False'] as const;
export const BOOL_CHOICES = ['True', 'False'] as const;

/** The form text of a parameter's default, as Python writes it. */
export function defaultParamText(spec: ParamSpec): string {
  const d = spec.default;
  if (d === null) return spec.type === 'tensor' ? '' : 'None';
  if (typeof d === 'boolean') return d ? 'True' : 'False';
  if (typeof d === 'number') return spec.type === 'float' ? pythonNumber(d, 'float64') : String(d);
  return d;
}

function err(message: string, offset = 0, length = 1): ParamParse {
  return { ok: false, error: { message, offset, length } };
}

/**
 * Reads one parameter's form text into the value `engine.evaluate` takes. The engine still
 * validates ranges and choices; this only decides what the text says.
 */
export function parseParam(spec: ParamSpec, text: string, budget: WorkBudget = INLINE_BUDGET): ParamParse {
  const t = text.trim();
  switch (spec.type) {
    case 'float':
    case 'int': {
      const r = parseTensorLiteral(t, budget);
      if (!r.ok) return r;
      const v = r.value.tensor;
      if (v.shape.length !== 0) return err(`${spec.name} must be a single number, got a tensor of shape [${v.shape.join(', ')}]`, 0, text.length);
      const x = v.data[0];
      if (spec.type === 'int' && !Number.isInteger(x)) return err(`${spec.name} must be an integer, got ${t}`, 0, text.length);
      return { ok: true, value: x };
    }
    case 'bool':
      if (t === 'True' || t === 'true') return { ok: true, value: true };
      if (t === 'False' || t === 'false') return { ok: true, value: false };
      return err(`${spec.name} must be True or False, got '${t}'`, 0, text.length);
    case 'legacy':
      if (t === '' || t === 'None') return { ok: true, value: null };
      if (t === 'True') return { ok: true, value: true };
      if (t === 'False') return { ok: true, value: false };
      return err(`${spec.name} must be None, True or False, got '${t}'`, 0, text.length);
    case 'reduction':
      return { ok: true, value: t.replace(/^['"]|['"]$/g, '') };
    case 'tensor': {
      if (t === '' || t === 'None') return { ok: true, value: null };
      const r = parseTensorLiteral(text, budget);
      if (!r.ok) return r;
      return { ok: true, value: r.value.tensor };
    }
    case 'distance': {
      if (t === '' || t === 'None') return { ok: true, value: null };
      const spec: DistanceSpec | undefined = t === 'pairwise_distance' ? { name: 'pairwise_distance' } : t === 'cosine_distance' ? { name: 'cosine_distance' } : undefined;
      if (!spec) return err(`distance_function must be one of ${DISTANCE_CHOICES.join(', ')}, got '${t}'`, 0, text.length);
      return { ok: true, value: spec };
    }
  }
}
