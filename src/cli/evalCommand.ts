import { evaluate, LossError, tensorToJson, type TensorJson } from '../engine';

interface CaseResult {
  id: unknown;
  output: TensorJson | null;
  grad: Record<string, TensorJson> | null;
  error: { type: string; message: string } | null;
}

/** Evaluates every case of a fixture-schema document; a failing case is reported, not fatal. */
export function evalCases(doc: unknown): { results: CaseResult[] } {
  const cases = (doc as { cases?: unknown } | null)?.cases;
  if (!Array.isArray(cases)) throw new Error('expected a JSON object with a "cases" array');
  return { results: cases.map(evalCase) };
}

function evalCase(c: unknown, index: number): CaseResult {
  const spec = (c ?? {}) as { id?: unknown; module?: unknown; params?: unknown; args?: unknown };
  const id = spec.id ?? index;
  try {
    const r = evaluate(
      {
        module: String(spec.module),
        params: (spec.params ?? {}) as Record<string, unknown>,
        args: (spec.args ?? {}) as Record<string, unknown>,
      },
      { grad: true },
    );
    const grad = r.grad ? Object.fromEntries(Object.entries(r.grad).map(([k, v]) => [k, tensorToJson(v)])) : null;
    return { id, output: tensorToJson(r.output), grad, error: null };
  } catch (e) {
    const type = e instanceof LossError ? e.type : 'RuntimeError';
    return { id, output: null, grad: null, error: { type, message: (e as Error)?.message ?? String(e) } };
  }
}
