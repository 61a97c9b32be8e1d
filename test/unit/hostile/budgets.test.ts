// Hostile input against the work budgets (issue 11): each table row is an input a repository or a
// user could hand us, with what must happen; rows marked `ok` already worked and guard against a
// budget that bites too early. Time bounds are generous: the failures they catch took minutes.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTensorLiteral } from '../../../src/calculator/literal';
import { own } from '../../../src/calculator/own';
import { computeSession, type CalcInputs } from '../../../src/calculator/session';
import { pytorchSnippet } from '../../../src/calculator/snippet';
import { sweep } from '../../../src/calculator/sweep';
import { readEvalInput, writeEvalResults } from '../../../src/cli/evalCommand';
import { CALCULATOR_BUDGET, INLINE_BUDGET, SNIPPET_ELEMENTS, type WorkBudget } from '../../../src/engine';

const BUDGETS: Readonly<Record<'inline' | 'calculator', WorkBudget>> = { inline: INLINE_BUDGET, calculator: CALCULATOR_BUDGET };
const BOUND_MS = 5_000;

function timed<T>(what: string, f: () => T): T {
  const t = performance.now();
  const r = f();
  const ms = performance.now() - t;
  assert.ok(ms < BOUND_MS, `${what}: took ${ms.toFixed(0)} ms`);
  return r;
}

interface LiteralRow {
  readonly text: string;
  readonly budget: keyof typeof BUDGETS;
  /** The error the literal must give, or `ok` with the shape it must have. */
  readonly expect: RegExp | { readonly shape: readonly number[] };
  /** Whether the error is the budget's (true) or an ordinary one (a user key that names nothing). */
  readonly tooLarge?: boolean;
}

const LITERALS: readonly LiteralRow[] = [
  { text: 'F.one_hot(torch.tensor([100000000]))', budget: 'inline', expect: /^one_hot\(\) with 100000001 classes: too large to evaluate inline \(100,000,001 elements; limit 100,000\)$/, tooLarge: true },
  { text: 'F.one_hot(torch.tensor([100000000]))', budget: 'calculator', expect: /too large to evaluate \(100,000,001 elements; limit 10,000,000\)/, tooLarge: true },
  { text: 'torch.nn.functional.one_hot(torch.tensor([0, 1]), 100000000)', budget: 'calculator', expect: /200,000,000 elements/, tooLarge: true },
  { text: 'torch.zeros(10000000)', budget: 'inline', expect: /^torch\.zeros\(\) of shape \[10000000\]: too large to evaluate inline \(10,000,000 elements; limit 100,000\)$/, tooLarge: true },
  { text: 'torch.zeros(10000001)', budget: 'calculator', expect: /10,000,001 elements; limit 10,000,000/, tooLarge: true },
  { text: 'torch.ones(5000, 5000)', budget: 'inline', expect: /25,000,000 elements/, tooLarge: true },
  { text: 'torch.full((100000, 100000), 0.5)', budget: 'calculator', expect: /10,000,000,000 elements/, tooLarge: true },
  { text: 'torch.arange(1e12)', budget: 'calculator', expect: /torch\.arange\(\) of 1000000000000 elements: too large/, tooLarge: true },
  { text: 'torch.linspace(0, 1, 1000000000)', budget: 'calculator', expect: /1,000,000,000 elements/, tooLarge: true },
  { text: 'torch.eye(100000)', budget: 'calculator', expect: /10,000,000,000 elements/, tooLarge: true },
  { text: 'torch.Tensor(100000, 100000)', budget: 'calculator', expect: /10,000,000,000 elements/, tooLarge: true },
  { text: 'np.zeros((1e5, 1e5))', budget: 'inline', expect: /too large to evaluate inline/, tooLarge: true },
  { text: '[' + '0.5, '.repeat(100_001) + ']', budget: 'inline', expect: /^this list: too large to evaluate inline \(100,001 elements; limit 100,000\)$/, tooLarge: true },
  // User strings that name inherited properties of a plain object: ordinary errors, never a crash or a bogus value.
  { text: 'torch.tensor([1.0]).constructor()', budget: 'inline', expect: /method '\.constructor\(\)' is not supported/ },
  { text: 'torch.tensor([1.0]).toString()', budget: 'inline', expect: /method '\.toString\(\)' is not supported/ },
  { text: 'torch.tensor([1.0]).__proto__()', budget: 'inline', expect: /method '\.__proto__\(\)' is not supported/ },
  { text: "torch.tensor([1.0], dtype='constructor')", budget: 'inline', expect: /dtype must be a dtype/ },
  { text: "float('toString')", budget: 'inline', expect: /could not convert string to float: 'toString'/ },
  { text: "['__proto__']", budget: 'inline', expect: /expected a number, found the string '__proto__'/ },
  { text: 'torch.constructor', budget: 'inline', expect: /unknown name 'torch\.constructor'/ },
  { text: 'hasOwnProperty', budget: 'inline', expect: /unknown name 'hasOwnProperty'/ },
  { text: 'torch.tensor([1.0]).to(torch.valueOf)', budget: 'inline', expect: /unknown name 'torch\.valueOf'/ },
  // Regression guards: what people write inline stays within the inline budget.
  { text: 'F.one_hot(torch.tensor([0, 2]), 3)', budget: 'inline', expect: { shape: [2, 3] } },
  { text: 'torch.zeros(64, 10)', budget: 'inline', expect: { shape: [64, 10] } },
  { text: 'torch.zeros(100000)', budget: 'inline', expect: { shape: [100000] } },
  { text: 'torch.arange(12.).reshape(3, 4).T', budget: 'inline', expect: { shape: [4, 3] } },
  { text: "[float('nan'), 'inf']", budget: 'inline', expect: { shape: [2] } },
  { text: 'torch.zeros(1000, 1000)', budget: 'calculator', expect: { shape: [1000, 1000] } },
];

function checkLiteral(row: LiteralRow): void {
  const r = timed(row.text.slice(0, 60), () => parseTensorLiteral(row.text, BUDGETS[row.budget]));
  if (!(row.expect instanceof RegExp)) {
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.deepEqual(r.value.tensor.shape, row.expect.shape);
    return;
  }
  assert.ok(!r.ok, `${row.text.slice(0, 60)} parsed`);
  assert.match(r.error.message, row.expect);
  assert.equal(r.error.tooLarge !== undefined, row.tooLarge === true, 'tooLarge marks budget errors only');
}

interface SessionRow {
  readonly name: string;
  readonly inputs: CalcInputs;
  readonly budget: keyof typeof BUDGETS;
  /** The budget error (in `tooLarge` and in the field or general error), or the value the loss must have. */
  readonly expect: { readonly tooLarge: RegExp; readonly field?: string } | { readonly value: number | 'finite' } | { readonly fieldError: string; readonly message: RegExp } | { readonly error: RegExp };
}

const ctc = (T: number, L: number): Record<string, string> => ({
  log_probs: `torch.zeros(${T}, 1, 20)`,
  targets: `torch.ones(1, ${L}, dtype=torch.long)`,
  input_lengths: `torch.tensor([${T}])`,
  target_lengths: `torch.tensor([${L}])`,
});

const SESSIONS: readonly SessionRow[] = [
  {
    name: 'MSELoss of (5000, 1) against (1, 5000) inline',
    inputs: { module: 'MSELoss', params: {}, args: { input: 'torch.zeros(5000, 1)', target: 'torch.ones(1, 5000)' } },
    budget: 'inline',
    expect: { tooLarge: /^the broadcast result \[5000, 5000\]: too large to evaluate inline \(25,000,000 elements; limit 100,000\)$/ },
  },
  {
    name: 'MSELoss of (5000, 1) against (1, 5000) in the calculator',
    inputs: { module: 'mse_loss', params: {}, args: { input: 'torch.zeros(5000, 1)', target: 'torch.ones(1, 5000)' } },
    budget: 'calculator',
    expect: { tooLarge: /25,000,000 elements; limit 2,000,000/ },
  },
  {
    name: 'KLDivLoss of (10000, 1) against (1, 10000): 10⁸ elements',
    inputs: { module: 'KLDivLoss', params: {}, args: { input: 'torch.zeros(10000, 1)', target: 'torch.ones(1, 10000)' } },
    budget: 'calculator',
    expect: { tooLarge: /100,000,000 elements/ },
  },
  {
    name: 'TripletMarginLoss whose anchor broadcasts against a long negative',
    inputs: { module: 'TripletMarginLoss', params: {}, args: { anchor: 'torch.zeros(3000, 1, 8)', positive: 'torch.zeros(3000, 1, 8)', negative: 'torch.ones(1, 3000, 8)' } },
    budget: 'calculator',
    expect: { tooLarge: /72,000,000 elements/ },
  },
  {
    name: 'MSELoss of a 10⁷-element literal inline',
    inputs: { module: 'MSELoss', params: {}, args: { input: 'torch.zeros(10000000)', target: 'torch.zeros(10000000)' } },
    budget: 'inline',
    expect: { tooLarge: /^input: torch\.zeros\(\) of shape \[10000000\]: too large to evaluate inline/, field: 'input' },
  },
  {
    name: 'CrossEntropyLoss on F.one_hot of a class index of 10⁸',
    inputs: { module: 'CrossEntropyLoss', params: {}, args: { input: 'torch.zeros(1, 3)', target: 'F.one_hot(torch.tensor([100000000])).float()' } },
    budget: 'inline',
    expect: { tooLarge: /one_hot\(\) with 100000001 classes: too large to evaluate inline/, field: 'target' },
  },
  { name: 'CTCLoss with a 300,500-cell lattice inline', inputs: { module: 'CTCLoss', params: {}, args: ctc(500, 300) }, budget: 'inline', expect: { tooLarge: /^the CTC lattice Σ T·\(2L\+1\): too large to evaluate inline \(300,500 cells; limit 250,000\)$/ } },
  { name: 'CTCLoss with a 4,000,000-cell lattice in the calculator', inputs: { module: 'CTCLoss', params: {}, args: ctc(2000, 1000) }, budget: 'calculator', expect: { tooLarge: /4,002,000 cells; limit 2,000,000/ } },
  {
    name: 'MultiLabelMarginLoss over 1001 classes inline (N·C² pairs)',
    inputs: { module: 'MultiLabelMarginLoss', params: {}, args: { input: 'torch.zeros(1, 1001)', target: 'torch.zeros(1, 1001, dtype=torch.long)' } },
    budget: 'inline',
    expect: { tooLarge: /1,002,001 cells; limit 250,000/ },
  },
  // A reduction typed as a name every plain object has: PyTorch's ValueError, not a crash.
  ...['constructor', 'toString', '__proto__', 'hasOwnProperty'].map(
    (r): SessionRow => ({ name: `reduction='${r}'`, inputs: { module: 'MSELoss', params: { reduction: `'${r}'` }, args: { input: '[1.0, 2.0]', target: '[0.0, 0.0]' } }, budget: 'calculator', expect: { fieldError: 'reduction', message: new RegExp(`ValueError: ${r} is not a valid value for reduction`) } }),
  ),
  ...['constructor', 'toString', '__proto__'].map((m): SessionRow => ({ name: `a loss named '${m}'`, inputs: { module: m, params: {}, args: {} }, budget: 'inline', expect: { error: new RegExp(`^unknown loss '${m}'$`) } })),
  // Regression guards: the same losses on sizes people use, in each budget.
  { name: 'MSELoss of (1000, 1) against (1, 1000) in the calculator', inputs: { module: 'MSELoss', params: {}, args: { input: 'torch.zeros(1000, 1)', target: 'torch.ones(1, 1000)' } }, budget: 'calculator', expect: { value: 1 } },
  { name: 'MSELoss of (300, 1) against (1, 300) inline', inputs: { module: 'MSELoss', params: { reduction: "'sum'" }, args: { input: 'torch.zeros(300, 1)', target: 'torch.full((1, 300), 2.0)' } }, budget: 'inline', expect: { value: 4 * 90_000 } },
  { name: 'CTCLoss with a 100,500-cell lattice inline', inputs: { module: 'CTCLoss', params: {}, args: ctc(500, 100) }, budget: 'inline', expect: { value: 'finite' } },
  { name: 'CTCLoss with a 420,700-cell lattice in the calculator', inputs: { module: 'CTCLoss', params: {}, args: ctc(700, 300) }, budget: 'calculator', expect: { value: 'finite' } },
  { name: 'MultiLabelMarginLoss over 400 classes inline', inputs: { module: 'MultiLabelMarginLoss', params: {}, args: { input: 'torch.zeros(1, 400)', target: 'torch.zeros(1, 400, dtype=torch.long)' } }, budget: 'inline', expect: { value: 399 } },
];

function checkSession(row: SessionRow): void {
  const o = timed(row.name, () => computeSession(row.inputs, 'en', BUDGETS[row.budget]));
  const e = row.expect;
  if ('value' in e) {
    assert.ok(o.result, `${row.name}: ${o.error ?? JSON.stringify(o.fieldErrors)}`);
    const v = o.result.output.data[0];
    if (e.value === 'finite') assert.ok(Number.isFinite(v), `value ${v}`);
    else assert.ok(Math.abs(v - e.value) <= 1e-6 * Math.abs(e.value), `value ${v}, want ${e.value}`);
    assert.equal(o.tooLarge, undefined);
    return;
  }
  assert.equal(o.result, undefined, 'no value');
  if ('error' in e) {
    assert.match(o.error ?? '', e.error);
    return;
  }
  if ('fieldError' in e) {
    assert.match(o.fieldErrors[e.fieldError]?.message ?? '', e.message);
    return;
  }
  assert.ok(o.tooLarge, `${row.name}: no tooLarge in ${JSON.stringify({ error: o.error, fieldErrors: o.fieldErrors })}`);
  assert.match(o.tooLarge.message, e.tooLarge);
  assert.ok(o.tooLarge.elements > o.tooLarge.limit);
  // The message stands where the value would: on the argument it belongs to, or as the evaluation's error.
  const shown = e.field ? `${e.field}: ${own(o.fieldErrors, e.field)?.message}` : o.error;
  assert.match(shown ?? '', e.tooLarge);
}

describe('hostile input: work budgets of the literal evaluator', () => {
  for (const row of LITERALS) {
    it(`${row.expect instanceof RegExp ? 'refuses' : 'reads'} ${row.text.slice(0, 70)} (${row.budget})`, () => checkLiteral(row));
  }
});

describe('hostile input: work budgets of an evaluation (inline values and the calculator)', () => {
  for (const row of SESSIONS) {
    it(`${row.name}: ${'value' in row.expect ? 'computes the value' : 'says why there is no value'}`, () => checkSession(row));
  }
});

describe('hostile input: the sweep plot is computed on a budget', () => {
  const session = (input: string, target: string) => {
    const o = computeSession({ module: 'MSELoss', params: {}, args: { input, target } }, 'en', CALCULATOR_BUDGET);
    assert.ok(o.sig && o.spec && o.result);
    return { sig: o.sig, spec: o.spec };
  };
  const rows: readonly { input: string; target: string; points: number | 'skipped' }[] = [
    // 121 evaluations of a 10⁶-element broadcast took 7.5 s per keystroke.
    { input: 'torch.zeros(1000, 1)', target: 'torch.ones(1, 1000)', points: 'skipped' },
    { input: 'torch.zeros(100000)', target: 'torch.ones(100000)', points: 13 },
    { input: 'torch.zeros(3, 4)', target: 'torch.ones(3, 4)', points: 121 },
  ];
  for (const row of rows) {
    it(`${row.points === 'skipped' ? 'skips, with the work it would take,' : `draws ${row.points} points for`} MSELoss of ${row.input} and ${row.target}`, () => {
      const { sig, spec } = session(row.input, row.target);
      const r = timed('sweep', () => sweep(sig, spec, 'input', 0, 121, CALCULATOR_BUDGET));
      if (row.points === 'skipped') {
        assert.ok(!r.ok);
        assert.ok(r.work > r.budget / 11, `work ${r.work}`);
        return;
      }
      assert.ok(r.ok);
      assert.equal(r.curve.xs.length, row.points);
      // MSE against ones with one element varied: a parabola with its minimum at x = 1.
      const argmin = (xs: readonly number[]) => xs.indexOf(Math.min(...xs));
      assert.equal(argmin(r.curve.ys), argmin(r.curve.xs.map((x) => Math.abs(x - 1))));
    });
  }
});

describe('hostile input: code snippets never write megabytes of values', () => {
  const snippet = (input: string, target: string, module = 'MSELoss', params: Record<string, string> = {}) => {
    const o = computeSession({ module, params, args: { input, target } }, 'en', CALCULATOR_BUDGET);
    assert.ok(o.sig && o.spec && o.result, o.error);
    return pytorchSnippet(o.sig, o.spec, o.result.output, Object.keys(o.result.grad));
  };
  const rows: readonly { what: string; input: string; target: string; module?: string; params?: Record<string, string>; expect: RegExp; refused?: boolean }[] = [
    { what: 'writes 10⁶ zeros with torch.zeros', input: 'torch.zeros(1000000)', target: 'torch.zeros(1000000)', expect: /^input = torch\.zeros\(\(1000000,\), dtype=torch\.float32, requires_grad=True\)$/m },
    { what: 'writes a constant 2-D tensor with torch.full', input: 'torch.full((1000, 1000), 0.5)', target: 'torch.ones(1000, 1000)', expect: /^input = torch\.full\(\(1000, 1000\), 0\.5, dtype=torch\.float32, requires_grad=True\)\ntarget = torch\.ones\(\(1000, 1000\), dtype=torch\.float32, requires_grad=True\)$/m },
    { what: 'writes a large constant weight with torch.ones', input: 'torch.zeros(2, 20000)', target: 'torch.tensor([0, 1])', module: 'CrossEntropyLoss', params: { weight: 'torch.ones(20000)' }, expect: /nn\.CrossEntropyLoss\(weight=torch\.ones\(\(20000,\), dtype=torch\.float32\)\)/ },
    { what: 'refuses 10⁶ distinct values with a message', input: 'torch.arange(1000000.)', target: 'torch.zeros(1000000)', expect: /^input has 1,000,000 values; a snippet writes at most 10,000 of them/, refused: true },
    { what: `writes ${SNIPPET_ELEMENTS} distinct values in full`, input: `torch.arange(${SNIPPET_ELEMENTS}.)`, target: `torch.zeros(${SNIPPET_ELEMENTS})`, expect: /^input = torch\.tensor\(\[0\.0, 1\.0, 2\.0, .*, 9999\.0\], requires_grad=True\)$/m },
  ];
  for (const row of rows) {
    it(row.what, () => {
      const s = timed(row.what, () => snippet(row.input, row.target, row.module, row.params));
      if (row.refused) {
        assert.ok(!s.ok);
        assert.match(s.message, row.expect);
        return;
      }
      assert.ok(s.ok, s.ok ? '' : s.message);
      assert.match(s.code, row.expect);
      assert.ok(s.code.length < 200_000, `${s.code.length} characters`);
    });
  }
});

describe('hostile input: loss-lens eval keeps every result', () => {
  const f64 = (shape: number[], f: (i: number) => number) => ({ shape, dtype: 'float64', data: Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => f(i)) });
  const small = { id: 'small', module: 'MSELoss', args: { input: f64([2], (i) => i + 1), target: f64([2], () => 0) } };
  const run = (doc: unknown): { id: unknown; output: unknown; error: { type: string; message: string } | null }[] => {
    let text = '';
    timed('eval', () => writeEvalResults(doc, (s) => (text += s)));
    return (JSON.parse(text) as { results: { id: unknown; output: unknown; error: { type: string; message: string } | null }[] }).results;
  };
  let deep: unknown = 1;
  for (let i = 0; i < 100_000; i++) deep = [deep];
  const rows: readonly { what: string; bad: unknown; error: RegExp; id: unknown }[] = [
    {
      what: "two MSELoss(reduction='none') inputs of (4000, 1) and (1, 4000)",
      bad: { id: 'wide', module: 'MSELoss', params: { reduction: 'none' }, args: { input: f64([4000, 1], (i) => i), target: f64([1, 4000], (i) => -i) } },
      error: /^the broadcast result \[4000, 4000\]: too large to evaluate \(16,000,000 elements; limit 2,000,000\)$/,
      id: 'wide',
    },
    { what: 'an id nested 100,000 deep', bad: { id: deep, module: 'MSELoss', args: small.args }, error: /the case's id cannot be written as JSON .*reported under its index 1/, id: 1 },
    { what: 'a module name nested 100,000 deep', bad: { id: 'm', module: deep, args: small.args }, error: /Maximum call stack|unknown loss/, id: 'm' },
  ];
  for (const row of rows) {
    it(`reports ${row.what} as that case's error and keeps the others`, () => {
      const results = run({ cases: [small, row.bad, small] });
      assert.equal(results.length, 3);
      assert.deepEqual(results[1].id, row.id);
      assert.equal(results[1].output, null);
      assert.match(results[1].error?.message ?? '', row.error);
      for (const r of [results[0], results[2]]) {
        assert.equal(r.error, null);
        assert.deepEqual(r.output, { shape: [], dtype: 'float64', data: [2.5] });
      }
    });
  }

  it('bounds the work of a 96 KB document of oversized broadcasts', () => {
    const wide = (k: number) => ({ id: k, module: 'GaussianNLLLoss', params: { reduction: 'none' }, args: { input: f64([1500, 1], () => 0.5), target: f64([1, 1500], () => 1), var: f64([1500, 1], () => 1) } });
    const cases = Array.from({ length: 8 }, (_, k) => wide(k));
    assert.ok(JSON.stringify({ cases }).length > 96_000);
    const results = run({ cases });
    assert.equal(results.length, 8);
    for (const r of results) assert.match(r.error?.message ?? '', /2,250,000 elements; limit 2,000,000/);
  });

  it('reads at most the input limit, then stops with an error (a FIFO or /dev/zero never fills memory)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'loss-lens-hostile-'));
    try {
      const file = join(dir, 'big.json');
      writeFileSync(file, 'x'.repeat(5000));
      assert.throws(() => readEvalInput(file, 4096), /input is larger than/);
      assert.equal(readEvalInput(file, 8192).length, 5000);
      assert.throws(() => readEvalInput(dir), /directory/);
      timed('/dev/zero', () => assert.throws(() => readEvalInput('/dev/zero', 1 << 20), /input is larger than 1 MB/));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
