import { INLINE_BUDGET, type DType, type TensorLike, type WorkBudget } from '../engine';
import { toTensorValue } from './literalDTypes';
import { callFunction, constantByName } from './literalFunctions';
import { callMethod } from './literalMethods';
import { checkElements, fail, LiteralParseError, MAX_DEPTH, numelOf, type Arg, type LiteralError, type Value } from './values';
import { own } from './own';

export type { LiteralError } from './values';

/** A parsed tensor literal, ready for `engine.evaluate`. */
export interface ParsedTensor {
  readonly tensor: TensorLike & { readonly shape: number[]; readonly dtype: DType; readonly data: Float64Array };
  /** True for a bare Python number (`0.5`): a `floatOrScalar` argument receives it as a float. */
  readonly pythonScalar: boolean;
}

export type LiteralResult = { readonly ok: true; readonly value: ParsedTensor } | { readonly ok: false; readonly error: LiteralError };

/**
 * Parses what people paste as a tensor: `torch.tensor([[2.0, -1.0]], dtype=torch.float64)`,
 * `[[...]]`, `torch.ones(3)`-style factories, `np.array(...)`, JSON (`{"shape", "dtype", "data"}`
 * too). Never throws: bad input yields an error with the offset of the offending character,
 * and a tensor larger than `budget` allows is refused before it is built.
 */
export function parseTensorLiteral(text: string, budget: WorkBudget = INLINE_BUDGET): LiteralResult {
  try {
    const p = new Parser(text, budget);
    p.skipSpace();
    if (p.pos >= text.length) fail('empty input: enter a tensor such as [[2.0, -1.0]] or torch.ones(3)', 0);
    const v = p.parseExpr(0);
    p.skipSpace();
    if (p.pos < text.length) fail(`unexpected '${text[p.pos]}' after the end of the tensor`, p.pos);
    const t = toTensorValue(v, 'torch');
    const pythonScalar = v.kind === 'array' && v.shape.length === 0 && v.float;
    return { ok: true, value: { tensor: { shape: t.shape, dtype: t.dtype, data: Float64Array.from(t.data) }, pythonScalar } };
  } catch (e) {
    if (e instanceof LiteralParseError) return { ok: false, error: { message: e.message, offset: e.offset, length: e.length, ...(e.tooLarge ? { tooLarge: e.tooLarge } : {}) } };
    if (e instanceof RangeError) return { ok: false, error: { message: `input too large or too deeply nested (${e.message})`, offset: 0, length: 1 } };
    throw e;
  }
}

const IDENT_START = /[A-Za-z_]/;
const IDENT = /[A-Za-z0-9_]/;
const DIGIT = /[0-9]/;

class Parser {
  pos = 0;
  constructor(
    readonly text: string,
    readonly budget: WorkBudget,
  ) {}

  skipSpace(): void {
    const t = this.text;
    for (;;) {
      const c = t.charCodeAt(this.pos);
      if (c === 32 || c === 10 || c === 13 || c === 9 || c === 92 /* line continuation */) {
        this.pos++;
      } else if (c === 35 /* # comment */) {
        while (this.pos < t.length && t[this.pos] !== '\n') this.pos++;
      } else {
        return;
      }
    }
  }

  private found(): string {
    return this.pos >= this.text.length ? 'the end of the input' : `'${this.text[this.pos]}'`;
  }

  private expect(ch: string, what: string): void {
    this.skipSpace();
    if (this.text[this.pos] !== ch) fail(`expected '${ch}' ${what}, found ${this.found()}`, this.pos);
    this.pos++;
  }

  /** expr := primary ('.' name ['(' args ')'])* */
  parseExpr(depth: number): Value {
    if (depth > MAX_DEPTH) fail(`nesting deeper than ${MAX_DEPTH} levels`, this.pos);
    let v = this.parsePrimary(depth);
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '.') return v;
      const dot = this.pos++;
      this.skipSpace();
      const nameStart = this.pos;
      const name = this.identifier();
      if (!name) fail(`expected a method name after '.', found ${this.found()}`, this.pos);
      this.skipSpace();
      let args: Arg[] | undefined;
      if (this.text[this.pos] === '(') args = this.parseArgs(depth);
      v = callMethod(v, name, args, nameStart, this.pos, dot, this.budget);
    }
  }

  private parsePrimary(depth: number): Value {
    this.skipSpace();
    const start = this.pos;
    const c = this.text[this.pos];
    if (c === undefined) fail('unexpected end of input: expected a number, a list or a tensor', this.pos);
    if (c === '[' || c === '(') return this.parseSequence(depth);
    if (c === '{') return this.parseObject(depth);
    if (c === '-' || c === '+') {
      this.pos++;
      const inner = this.parsePrimary(depth + 1);
      if ((inner.kind !== 'array' && inner.kind !== 'tensor') || inner.shape.length !== 0) {
        fail(`'${c}' applies to numbers only, not to ${inner.kind === 'array' ? 'a list' : inner.kind}`, start);
      }
      return c === '-' ? { ...inner, data: [-inner.data[0]], start } : { ...inner, start };
    }
    if (DIGIT.test(c) || (c === '.' && DIGIT.test(this.text[this.pos + 1] ?? ''))) {
      const { value, float } = this.number();
      return { kind: 'array', shape: [], data: [value], float, bool: false, start, end: this.pos };
    }
    if (c === '"' || c === "'") return { kind: 'string', value: this.string(), start, end: this.pos };
    if (IDENT_START.test(c)) {
      const name = this.dottedName();
      this.skipSpace();
      if (this.text[this.pos] === '(') {
        const args = this.parseArgs(depth);
        return callFunction(name, args, start, this.pos, this.budget);
      }
      const v = constantByName(name, start, this.pos);
      if (!v) fail(`unknown name '${name}'`, start, name.length);
      return v;
    }
    return fail(`unexpected ${this.found()}: expected a number, a list or a tensor`, this.pos);
  }

  /**
   * A list or tuple of numbers, flattened as it is read so 10⁶ elements cost one array, not
   * 10⁶ nested ones. Children must agree on shape (PyTorch rejects ragged lists the same way).
   */
  private parseSequence(depth: number): Value {
    const out: number[] = [];
    const info = this.sequenceInto(out, depth);
    return { kind: 'array', shape: info.shape, data: out, float: info.float, bool: info.bool, start: info.start, end: this.pos };
  }

  private sequenceInto(out: number[], depth: number): { shape: number[]; float: boolean; bool: boolean; start: number } {
    if (depth > MAX_DEPTH) fail(`nesting deeper than ${MAX_DEPTH} levels`, this.pos);
    const start = this.pos;
    const open = this.text[this.pos++];
    const close = open === '[' ? ']' : ')';
    let first: number[] | undefined;
    let count = 0;
    let float = false;
    let bool = true;
    let trailingComma = false;
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === close) break;
      if (this.pos >= this.text.length) fail(`unclosed '${open}': expected '${close}' before the end of the input`, start);
      const itemStart = this.pos;
      let shape: number[];
      const c = this.text[this.pos];
      if (c === '[' || c === '(') {
        const child = this.sequenceInto(out, depth + 1);
        shape = child.shape;
        float ||= child.float;
        bool &&= child.bool;
      } else if (isNumberStart(this.text, this.pos)) {
        const sign = c === '-' ? -1 : 1;
        if (c === '-' || c === '+') this.pos++;
        const n = this.number();
        out.push(sign * n.value);
        float ||= n.float;
        bool = false;
        shape = [];
      } else {
        const v = this.parseExpr(depth + 1);
        shape = this.pushItem(out, v);
        if (v.kind === 'array') {
          float ||= v.float;
          bool &&= v.bool;
        } else {
          float ||= true;
          bool = false;
        }
      }
      if (first === undefined) first = shape;
      else if (!sameShape(first, shape)) {
        fail(
          `ragged nested list: element ${count} has shape [${shape.join(', ')}] but element 0 has shape [${first.join(', ')}]; every row must have the same length`,
          itemStart,
          this.pos - itemStart,
        );
      }
      if (out.length > this.budget.tensorElements) checkElements(this.budget, out.length, 'this list', start, this.pos - start);
      count++;
      this.skipSpace();
      trailingComma = false;
      if (this.text[this.pos] === ',') {
        this.pos++;
        trailingComma = true;
        continue;
      }
      if (this.text[this.pos] === close) break;
      if (this.pos >= this.text.length) fail(`unclosed '${open}': expected '${close}' before the end of the input`, start);
      fail(`expected ',' or '${close}' after element ${count - 1}, found ${this.found()}`, this.pos);
    }
    this.pos++;
    // `(x)` is a parenthesised value, not a tuple; `(x,)` and `[x]` are sequences.
    if (open === '(' && count === 1 && !trailingComma) return { shape: first ?? [], float, bool: bool && count > 0, start };
    return { shape: [count, ...(first ?? [])], float, bool: bool && count > 0, start };
  }

  /** Appends a non-literal list element (a named constant, a JSON "nan" string, a small tensor). */
  private pushItem(out: number[], v: Value): number[] {
    if (v.kind === 'array' || v.kind === 'tensor') {
      for (const x of v.data) out.push(x);
      return v.shape;
    }
    if (v.kind === 'string') {
      const x = own(JSON_NUMBER_STRINGS, v.value);
      if (x !== undefined) {
        out.push(x);
        return [];
      }
    }
    return fail(`expected a number, found ${v.kind === 'string' ? `the string '${v.value}'` : v.kind}`, v.start, v.end - v.start);
  }

  /** `{"shape": [...], "dtype": "float32", "data": [...]}`: the engine's own JSON encoding. */
  private parseObject(depth: number): Value {
    const start = this.pos++;
    const fields: Record<string, Value> = {};
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === '}') break;
      const keyStart = this.pos;
      const c = this.text[this.pos];
      if (c !== '"' && c !== "'") fail(`expected a quoted key ("shape", "dtype" or "data"), found ${this.found()}`, this.pos);
      const key = this.string();
      if (key !== 'shape' && key !== 'dtype' && key !== 'data') fail(`unknown key '${key}': a tensor object has "shape", "dtype" and "data"`, keyStart, this.pos - keyStart);
      this.expect(':', `after the key "${key}"`);
      fields[key] = this.parseExpr(depth + 1);
      this.skipSpace();
      if (this.text[this.pos] === ',') {
        this.pos++;
        continue;
      }
      if (this.text[this.pos] === '}') break;
      fail(`expected ',' or '}' in the tensor object, found ${this.found()}`, this.pos);
    }
    this.pos++;
    const args: Arg[] = [];
    const data = fields.data;
    if (!data) fail('a tensor object needs a "data" field', start);
    args.push({ value: data, start: data.start });
    if (fields.dtype) args.push({ name: 'dtype', value: fields.dtype, start: fields.dtype.start });
    let v = callFunction('torch.tensor', args, start, this.pos, this.budget);
    if (fields.shape) {
      const shapeArg: Arg = { value: fields.shape, start: fields.shape.start };
      const want = fields.shape.kind === 'array' ? numelOf(fields.shape.data) : -1;
      if (want !== numelOf(v.kind === 'tensor' ? v.shape : [])) {
        fail(`"shape" [${fields.shape.kind === 'array' ? fields.shape.data.join(', ') : '?'}] needs ${want} elements but "data" has ${v.kind === 'tensor' ? numelOf(v.shape) : 0}`, fields.shape.start, fields.shape.end - fields.shape.start);
      }
      v = callMethod(v, 'reshape', [shapeArg], start, this.pos, start, this.budget);
    }
    return v;
  }

  private parseArgs(depth: number): Arg[] {
    const open = this.pos++;
    const args: Arg[] = [];
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === ')') break;
      if (this.pos >= this.text.length) fail("unclosed '(': expected ')' before the end of the input", open);
      const start = this.pos;
      let name: string | undefined;
      const save = this.pos;
      const id = this.identifier();
      this.skipSpace();
      if (id && this.text[this.pos] === '=' && this.text[this.pos + 1] !== '=') {
        name = id;
        this.pos++;
      } else {
        this.pos = save;
      }
      if (name === undefined && args.some((a) => a.name !== undefined)) fail('positional argument follows keyword argument', start);
      const value = this.parseExpr(depth + 1);
      args.push({ name, value, start });
      this.skipSpace();
      if (this.text[this.pos] === ',') {
        this.pos++;
        continue;
      }
      if (this.text[this.pos] === ')') break;
      if (this.pos >= this.text.length) fail("unclosed '(': expected ')' before the end of the input", open);
      fail(`expected ',' or ')' in the argument list, found ${this.found()}`, this.pos);
    }
    this.pos++;
    return args;
  }

  private identifier(): string {
    const start = this.pos;
    if (!IDENT_START.test(this.text[this.pos] ?? '')) return '';
    while (this.pos < this.text.length && IDENT.test(this.text[this.pos])) this.pos++;
    return this.text.slice(start, this.pos);
  }

  private dottedName(): string {
    let name = this.identifier();
    // Method calls on the result are handled by parseExpr; only module paths are dotted names.
    while (this.text[this.pos] === '.' && IDENT_START.test(this.text[this.pos + 1] ?? '') && isModulePath(name)) {
      this.pos++;
      name += '.' + this.identifier();
    }
    return name;
  }

  private number(): { value: number; float: boolean } {
    const t = this.text;
    const start = this.pos;
    let float = false;
    let underscore = false;
    // Up to 15 significant digits and 22 decimals, mantissa / 10^k is exactly what Number() returns
    // (both are exact doubles and the division rounds once), so the common case skips string slicing.
    let mantissa = 0;
    let digits = 0;
    let decimals = 0;
    let c = t.charCodeAt(this.pos);
    // Char codes, not regexes: this loop runs once per digit of a 10⁶-element paste.
    while ((c >= 48 && c <= 57) || c === 95) {
      if (c === 95) underscore = true;
      else if (mantissa !== 0 || c !== 48) {
        mantissa = mantissa * 10 + (c - 48);
        digits++;
      }
      c = t.charCodeAt(++this.pos);
    }
    if (c === 46 /* . */) {
      float = true;
      c = t.charCodeAt(++this.pos);
      while ((c >= 48 && c <= 57) || c === 95) {
        if (c === 95) underscore = true;
        else {
          mantissa = mantissa * 10 + (c - 48);
          if (mantissa !== 0) digits++;
          decimals++;
        }
        c = t.charCodeAt(++this.pos);
      }
    }
    let exponent = false;
    if (c === 101 || c === 69 /* e E */) {
      float = true;
      exponent = true;
      c = t.charCodeAt(++this.pos);
      if (c === 43 || c === 45) c = t.charCodeAt(++this.pos);
      if (!(c >= 48 && c <= 57)) fail(`malformed exponent in number '${t.slice(start, this.pos + 1)}'`, this.pos);
      while (c >= 48 && c <= 57) c = t.charCodeAt(++this.pos);
    }
    if (c === 106 || c === 74 /* j J */) fail('complex numbers are not supported by the loss engine', start, this.pos + 1 - start);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95) fail(`unexpected '${t[this.pos]}' in a number`, this.pos);
    if (this.pos - start === 1 && t.charCodeAt(start) === 46) fail("malformed number '.'", start);
    if (!exponent && !underscore && digits <= 15 && decimals <= 22) return { value: decimals === 0 ? mantissa : mantissa / POW10[decimals], float };
    const raw = underscore ? t.slice(start, this.pos).replace(/_/g, '') : t.slice(start, this.pos);
    const value = Number(raw);
    if (Number.isNaN(value)) fail(`malformed number '${t.slice(start, this.pos)}'`, start, this.pos - start);
    return { value, float };
  }

  private string(): string {
    const quote = this.text[this.pos];
    const start = this.pos++;
    let s = '';
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined || c === '\n') fail(`unterminated string: missing closing ${quote}`, start, 1);
      this.pos++;
      if (c === quote) return s;
      if (c === '\\') {
        const e = this.text[this.pos++];
        if (e === undefined) fail(`unterminated string: missing closing ${quote}`, start, 1);
        s += e === 'n' ? '\n' : e === 't' ? '\t' : e;
        continue;
      }
      s += c;
    }
  }
}

const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

const JSON_NUMBER_STRINGS: Readonly<Record<string, number>> = {
  nan: NaN,
  NaN: NaN,
  inf: Infinity,
  Infinity: Infinity,
  '-inf': -Infinity,
  '-Infinity': -Infinity,
};

const MODULE_PATHS = new Set(['torch', 'np', 'numpy', 'math', 'torch.nn', 'torch.nn.functional', 'nn', 'F']);

function isModulePath(name: string): boolean {
  return MODULE_PATHS.has(name);
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** A digit, `.5`, or a sign directly followed by one: the fast path for list elements. */
function isNumberStart(t: string, i: number): boolean {
  let c = t.charCodeAt(i);
  if (c === 45 || c === 43) c = t.charCodeAt(i + 1);
  return (c >= 48 && c <= 57) || c === 46;
}
