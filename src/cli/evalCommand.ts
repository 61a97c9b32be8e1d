import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { CALCULATOR_BUDGET, encodeNumber, evaluate, LossError, TooLargeError, type Tensor } from '../engine';

/** The largest case document `loss-lens eval` reads; a FIFO or /dev/zero stops here instead of filling memory. */
export const MAX_EVAL_INPUT_BYTES = 64 * 1024 * 1024;

/** Reads FILE (or stdin for `-`) up to MAX_EVAL_INPUT_BYTES, refusing directories and larger inputs. */
export function readEvalInput(path: string, maxBytes = MAX_EVAL_INPUT_BYTES): string {
  const fd = path === '-' ? 0 : openSync(path, 'r');
  try {
    if (fstatSync(fd).isDirectory()) throw new Error('is a directory');
    const chunks: Buffer[] = [];
    let total = 0;
    const buf = Buffer.alloc(1 << 16);
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buf, 0, buf.length, null);
      } catch (e) {
        // A non-blocking stdin with nothing written yet: wait for data rather than failing.
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') continue;
        throw e;
      }
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw new Error(`input is larger than ${maxBytes / (1024 * 1024)} MB`);
      chunks.push(Buffer.from(buf.subarray(0, n)));
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}

type Write = (text: string) => void;

interface Outcome {
  readonly output: Tensor | null;
  readonly grad: Readonly<Record<string, Tensor>> | null;
  readonly error: { type: string; message: string } | null;
}

/**
 * Evaluates every case of a fixture-schema document and writes `{"results": [...]}` as it goes,
 * one case at a time. Each case is evaluated within the calculator's work budget and written only
 * once it is complete, so an oversized or unserialisable case becomes that case's error and never
 * costs the others their results. Throws (before writing anything) when `doc` has no cases array.
 */
export function writeEvalResults(doc: unknown, write: Write): void {
  const cases = (doc as { cases?: unknown } | null)?.cases;
  if (!Array.isArray(cases)) throw new Error('expected a JSON object with a "cases" array');
  write('{"results":[');
  cases.forEach((c, index) => {
    if (index > 0) write(',');
    writeCase(c, index, write);
  });
  write(']}\n');
}

function evalCase(c: unknown): Outcome {
  try {
    const spec = (c ?? {}) as { module?: unknown; params?: unknown; args?: unknown };
    const r = evaluate(
      {
        module: String(spec.module),
        params: (spec.params ?? {}) as Record<string, unknown>,
        args: (spec.args ?? {}) as Record<string, unknown>,
      },
      { grad: true, budget: CALCULATOR_BUDGET },
    );
    return { output: r.output, grad: r.grad ?? null, error: null };
  } catch (e) {
    return failure(e);
  }
}

function failure(e: unknown): Outcome {
  const type = e instanceof LossError ? e.type : e instanceof TooLargeError ? 'TooLargeError' : 'RuntimeError';
  return { output: null, grad: null, error: { type, message: (e as Error)?.message ?? String(e) } };
}

/** The case's id as JSON; an id JSON cannot write (nested 100,000 deep, a cycle) is replaced by the case index. */
function idJson(c: unknown, index: number): { json: string; error?: string } {
  const id = (c as { id?: unknown } | null)?.id ?? index;
  try {
    const json = JSON.stringify(id);
    if (json !== undefined) return { json };
  } catch (e) {
    return { json: String(index), error: `the case's id cannot be written as JSON (${(e as Error)?.message ?? String(e)}); reported under its index ${index}` };
  }
  return { json: String(index), error: `the case's id is not a JSON value; reported under its index ${index}` };
}

function writeCase(c: unknown, index: number, write: Write): void {
  const id = idJson(c, index);
  const r: Outcome = id.error ? { output: null, grad: null, error: { type: 'ValueError', message: id.error } } : evalCase(c);
  write(`{"id":${id.json},"output":`);
  if (r.output) writeTensor(r.output, write);
  else write('null');
  write(',"grad":');
  if (r.grad) {
    write('{');
    Object.entries(r.grad).forEach(([name, g], i) => {
      write(`${i > 0 ? ',' : ''}${JSON.stringify(name)}:`);
      writeTensor(g, write);
    });
    write('}');
  } else {
    write('null');
  }
  write(`,"error":${r.error ? JSON.stringify(r.error) : 'null'}}`);
}

/** A tensor in the fixture encoding, written in slices so a 10⁷-element output never becomes one string. */
function writeTensor(t: Tensor, write: Write): void {
  write(`{"shape":${JSON.stringify(t.shape)},"dtype":${JSON.stringify(t.dtype)},"data":[`);
  const slice = 65_536;
  for (let i = 0; i < t.data.length; i += slice) {
    const part: string[] = [];
    const end = Math.min(t.data.length, i + slice);
    for (let k = i; k < end; k++) {
      const x = t.data[k];
      part.push(Number.isFinite(x) ? String(x) : JSON.stringify(encodeNumber(x)));
    }
    write((i > 0 ? ',' : '') + part.join(','));
  }
  write(']}');
}
