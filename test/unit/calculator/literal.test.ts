import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTensorLiteral } from '../../../src/calculator/literal';
import { CALCULATOR_BUDGET } from '../../../src/engine';

interface LiteralCase {
  text: string;
  shape: number[];
  dtype: string;
  data: (number | string)[];
}

const fixture = JSON.parse(readFileSync(join(__dirname, '../../fixtures/calculator/literals.json'), 'utf8')) as { cases: LiteralCase[] };

function decode(v: number | string): number {
  return v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : (v as number);
}

/** Parses `text` and checks shape, dtype and values against what PyTorch/NumPy produced for it. */
function checkLiteral(c: LiteralCase): void {
  const r = parseTensorLiteral(c.text);
  assert.ok(r.ok, `${c.text}: ${r.ok ? '' : r.error.message}`);
  const t = r.value.tensor;
  assert.deepEqual(t.shape, c.shape, `${c.text}: shape`);
  assert.equal(t.dtype, c.dtype, `${c.text}: dtype`);
  assert.equal(t.data.length, c.data.length, `${c.text}: element count`);
  c.data.forEach((w, i) => {
    const want = decode(w);
    const got = t.dtype === 'float32' ? Math.fround(t.data[i]) : t.data[i];
    // float32 results of softmax & co. may differ from PyTorch's float32 kernels in the last bit.
    const rtol = t.dtype === 'float32' ? 3e-7 : 1e-12;
    assert.ok(Object.is(got, want) || got === want || Math.abs(got - want) <= rtol * Math.abs(want), `${c.text}[${i}]: got ${got}, want ${want}`);
  });
}

/** Parses `text`, expects an error whose message contains `fragment` and which points at `marker`'s first character. */
function checkError(text: string, fragment: string | RegExp, marker?: string): void {
  const r = parseTensorLiteral(text);
  assert.ok(!r.ok, `${text.slice(0, 60)} should be rejected`);
  if (typeof fragment === 'string') assert.ok(r.error.message.includes(fragment), `message "${r.error.message}" should contain "${fragment}"`);
  else assert.match(r.error.message, fragment);
  if (marker !== undefined) assert.equal(r.error.offset, text.indexOf(marker), `offset of "${r.error.message}" should point at "${marker}"`);
  assert.ok(r.error.offset >= 0 && r.error.offset <= text.length && r.error.length >= 1);
}

describe('calculator tensor literals', () => {
  describe('agree with PyTorch and NumPy on shape, dtype and values', () => {
    for (const c of fixture.cases) it(`parses ${JSON.stringify(c.text)}`, () => checkLiteral(c));
  });

  it('marks a bare Python float as a scalar a floatOrScalar argument can take, but not a 0-d tensor', () => {
    const bare = parseTensorLiteral('0.5');
    const tensor = parseTensorLiteral('torch.tensor(0.5)');
    assert.ok(bare.ok && tensor.ok);
    assert.equal(bare.value.pythonScalar, true);
    assert.equal(tensor.value.pythonScalar, false);
  });

  it('rejects a ragged list and points at the row whose length differs', () => {
    checkError('[[1.0, 2.0], [3.0]]', 'ragged', '[3.0]');
  });

  it('rejects ragged depth (a number where a row is expected) at that element', () => {
    checkError('[[1, 2], 3]', 'ragged', '3]');
  });

  it('points at a missing comma between elements', () => {
    checkError('torch.tensor([1.0 2.0])', "expected ',' or ']'", '2.0');
  });

  it('points at the opening bracket of an unclosed list', () => {
    checkError('torch.tensor([[1.0, 2.0]', "unclosed '['", '[[');
  });

  it('points at the opening quote of an unterminated string', () => {
    checkError("torch.tensor([1.0], dtype='float32)", 'unterminated string', "'float32");
  });

  it('names an unknown identifier and points at it', () => {
    checkError('torch.tensor([1.0, foo])', "unknown name 'foo'", 'foo');
  });

  it('rejects text after a complete tensor', () => {
    checkError('[1.0, 2.0] extra', "unexpected 'e'", 'extra');
  });

  it('explains that random factories have no fixed values', () => {
    checkError('torch.randn(3, 4)', 'random values', 'torch.randn');
  });

  it('rejects dtypes the engine cannot compute with, pointing at the dtype', () => {
    checkError('torch.tensor([1.0], dtype=torch.float16)', 'float16 is not supported', 'torch.float16');
    checkError('torch.tensor([True, False])', 'bool tensors are not supported');
  });

  it('rejects complex numbers and malformed exponents', () => {
    checkError('[1.0, 2j]', 'complex', '2j');
    checkError('[1e+]', 'malformed exponent');
  });

  it('rejects softmax of an integer tensor as PyTorch does, and one_hot of floats', () => {
    checkError('torch.softmax(torch.tensor([1, 2]), dim=0)', "not implemented for 'Long'");
    checkError('F.one_hot(torch.tensor([0.0, 1.0]))', 'LongTensor');
    checkError('F.log_softmax(torch.tensor([[1.0, 2.0]]), dim=2)', 'Dimension out of range');
  });

  it('rejects an unknown keyword argument instead of ignoring a typo', () => {
    checkError('torch.tensor([1.0], dtyp=torch.float64)', "unexpected keyword argument 'dtyp'", 'dtyp');
  });

  it('rejects a reshape that does not fit the element count', () => {
    checkError('torch.arange(6).reshape(4, -1)', 'invalid for input of size 6');
  });

  it('rejects empty input with an example of what to type', () => {
    checkError('   ', 'empty input');
  });

  it('rejects a JSON object whose shape does not match its data', () => {
    checkError('{"shape": [3], "data": [1.0, 2.0]}', 'needs 3 elements');
  });

  it('refuses factories that would allocate more than the calculator holds, before allocating', () => {
    checkError('torch.zeros(100000, 100000)', 'too large to evaluate inline (10,000,000,000 elements; limit 100,000)');
  });

  it('stops at nesting deeper than 32 levels with an error instead of overflowing the stack', () => {
    checkError('['.repeat(100_000) + ']'.repeat(100_000), 'nesting deeper');
    checkError('torch.tensor('.repeat(10_000), /nesting deeper|unclosed/);
  });

  it('parses a million-element list exactly within the calculator budget', () => {
    const n = 1_000_000;
    const text = '[' + Array.from({ length: n }, (_, i) => String(i % 1000)).join(', ') + ']';
    const r = parseTensorLiteral(text, CALCULATOR_BUDGET);
    assert.ok(r.ok);
    assert.deepEqual(r.value.tensor.shape, [n]);
    assert.equal(r.value.tensor.dtype, 'int64');
    assert.equal(r.value.tensor.data[n - 1], (n - 1) % 1000);
  });

  it("reads every decimal exactly as JavaScript's Number() does (the fast path included)", () => {
    let seed = 12345;
    const rand = (k: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % k;
    };
    const texts: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const intPart = String(rand(10 ** (1 + rand(9))));
      const frac = Array.from({ length: rand(20) }, () => String(rand(10))).join('');
      const exp = rand(5) === 0 ? `e${rand(2) ? '-' : '+'}${rand(300)}` : '';
      texts.push(`${rand(6) === 0 ? '0' : ''}${intPart}${frac || rand(2) ? '.' : ''}${frac}${exp}`);
    }
    texts.push('0.1', '0.30000000000000004', '123456789012345.6', '1234567890123456789', '9007199254740993', '.5', '5.', '0.000000000000000000001', '1e-320');
    const r = parseTensorLiteral(`[${texts.join(', ')}]`);
    assert.ok(r.ok);
    texts.forEach((t, i) => assert.ok(Object.is(r.value.tensor.data[i], Number(t)), `${t}: got ${r.value.tensor.data[i]}, want ${Number(t)}`));
  });

  it('returns an error, never throws, for every prefix of a valid literal', () => {
    const text = "torch.tensor([[2.0, -1.0], [float('nan'), 1e-3]], dtype=torch.float64).reshape(4).unsqueeze(0)";
    for (let i = 0; i < text.length; i++) {
      const r = parseTensorLiteral(text.slice(0, i));
      assert.equal(typeof r.ok, 'boolean');
      if (!r.ok) assert.ok(r.error.offset <= i, `prefix ${i}: offset ${r.error.offset}`);
    }
  });
});
