import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOSSES } from '../../../src/catalogue';
import { exampleArgs } from '../../../src/calculator/examples';
import { parseTensorLiteral } from '../../../src/calculator/literal';
import { computeSession, defaultInputs, type CalcInputs } from '../../../src/calculator/session';
import { presetToForm } from '../../../src/calculator/preset';
import { pytorchSnippet } from '../../../src/calculator/snippet';
import { supportedLosses, type TensorJson } from '../../../src/engine';
import { assertTensorClose } from '../engine/checkCase';

const fixture = JSON.parse(readFileSync(join(__dirname, '../../fixtures/calculator/examples.json'), 'utf8')) as {
  losses: Record<string, { output: TensorJson; grad: Record<string, TensorJson> }>;
};

function inputs(module: string, args: Record<string, string> = {}, params: Record<string, string> = {}): CalcInputs {
  const base = defaultInputs(module, exampleArgs);
  return { module: base.module, params: { ...base.params, ...params }, args: { ...base.args, ...args } };
}

describe('calculator session', () => {
  it('has example arguments for every loss in the catalogue', () => {
    for (const sig of LOSSES) assert.ok(fixture.losses[sig.module], `${sig.module} has no PyTorch result for its example`);
  });

  describe("computes each implemented loss's first screen exactly as PyTorch does", () => {
    for (const sig of supportedLosses()) {
      it(`${sig.module}: value and gradients of the example arguments`, () => {
        const out = computeSession(inputs(sig.module), 'en');
        assert.deepEqual(out.fieldErrors, {});
        assert.equal(out.error, undefined);
        const want = fixture.losses[sig.module];
        assertTensorClose(`${sig.module} output`, out.result?.output, want.output, 'float32');
        for (const [name, g] of Object.entries(want.grad)) assertTensorClose(`${sig.module} grad ${name}`, out.result?.grad[name], g, 'float32');
      });
    }
  });

  it('reports a literal error on the argument it belongs to, keeping the other fields usable', () => {
    const out = computeSession(inputs('MSELoss', { target: 'torch.tensor([1.0, 2.0' }), 'en');
    assert.deepEqual(Object.keys(out.fieldErrors), ['target']);
    assert.match(out.fieldErrors.target.message, /unclosed/);
    assert.ok(out.argInfo.input, 'the valid input still shows its shape');
    assert.equal(out.result, undefined);
  });

  it("puts the engine's LossError next to the argument it names", () => {
    const out = computeSession(inputs('MSELoss', { input: 'torch.tensor([1.0, 2.0, 3.0])', target: 'torch.tensor([1.0, 2.0])' }), 'en');
    assert.ok(out.fieldErrors.target, `expected an error on target, got ${JSON.stringify(out)}`);
    assert.match(out.fieldErrors.target.message, /RuntimeError: .*size of tensor a \(3\) must match the size of tensor b \(2\)/);
  });

  it('reports an invalid reduction on the reduction field', () => {
    const out = computeSession(inputs('MSELoss', {}, { reduction: 'avg' }), 'en');
    assert.match(out.fieldErrors.reduction?.message ?? '', /avg is not a valid value for reduction/);
  });

  it('shows the unreduced losses next to the reduced value, and their mean is the value', () => {
    const out = computeSession(inputs('MSELoss'), 'en');
    const per = out.result?.perElement;
    assert.ok(per && out.result);
    assert.deepEqual([...per.shape], [2, 2]);
    const mean = Array.from(per.data).reduce((a, b) => a + b, 0) / per.data.length;
    assert.ok(Math.abs(mean - out.result.output.data[0]) < 1e-6);
  });

  it('rejects an unknown loss without throwing', () => {
    assert.match(computeSession({ module: 'FancyLoss', params: {}, args: {} }, 'en').error ?? '', /unknown loss 'FancyLoss'/);
  });

  it('accepts the loss by id and by functional name as well as by class name', () => {
    assert.equal(defaultInputs('mse', exampleArgs).module, 'MSELoss');
    assert.equal(defaultInputs('mse_loss', exampleArgs).module, 'MSELoss');
  });
});

describe('Copy as PyTorch code', () => {
  it('writes tensors that read back to the same values, dtypes and shapes', () => {
    const ok = computeSession(inputs('MSELoss', { input: 'np.array([[0.1, 2.5]])', target: 'torch.tensor([[1.0, 2.0]], dtype=torch.float64)' }, { reduction: 'sum' }), 'en');
    assert.ok(ok.spec && ok.result && ok.sig);
    const snippet = pytorchSnippet(ok.sig, ok.spec, ok.result.output, ['input', 'target']);
    assert.ok(snippet.ok);
    const code = snippet.code;
    assert.match(code, /^import torch$/m);
    assert.match(code, /loss_fn = nn\.MSELoss\(reduction='sum'\)/);
    assert.match(code, /loss\.backward\(\)/);
    for (const name of ['input', 'target']) {
      const line = code.split('\n').find((l) => l.startsWith(`${name} = `));
      assert.ok(line, `${name} line in\n${code}`);
      const back = parseTensorLiteral(line.slice(name.length + 3));
      assert.ok(back.ok, line);
      const orig = ok.spec.args[name] as { shape: number[]; dtype: string; data: ArrayLike<number> };
      assert.deepEqual(back.value.tensor.shape, [...orig.shape]);
      assert.equal(back.value.tensor.dtype, orig.dtype);
      assert.deepEqual(Array.from(back.value.tensor.data), Array.from(orig.data));
    }
  });

  it('keeps float32 values exact when printed with the shortest digits', () => {
    const ok = computeSession(inputs('MSELoss', { input: 'torch.tensor([0.1, 1e-8, 3.4028234663852886e38])', target: 'torch.tensor([0.2, 0.0, 1.0])' }), 'en');
    assert.ok(ok.spec && ok.sig);
    const s = pytorchSnippet(ok.sig, ok.spec);
    assert.ok(s.ok);
    const line = s.code.split('\n').find((l) => l.startsWith('input = '))!;
    assert.match(line, /torch\.tensor\(\[0\.1, 1e-8, 3\.4028235e\+38\]\)/);
  });

  it('passes only non-default parameters to the constructor', () => {
    const ok = computeSession(inputs('MSELoss'), 'en');
    assert.ok(ok.spec && ok.sig);
    const s = pytorchSnippet(ok.sig, ok.spec);
    assert.ok(s.ok);
    assert.match(s.code, /nn\.MSELoss\(\)/);
  });
});

describe('calculator presets', () => {
  it('reads parameters given as source text, as the hover and the code lens send them', () => {
    const p = presetToForm({ module: 'CrossEntropyLoss', params: { reduction: "'sum'", label_smoothing: '0.1', ignore_index: '3', weight: 'class_weights' } });
    assert.ok(p);
    assert.equal(p.form.params.reduction, 'sum');
    assert.equal(p.form.params.label_smoothing, '0.1');
    assert.equal(p.form.params.ignore_index, '3');
    assert.equal(p.form.params.weight, '', 'a variable we cannot read falls back to the default (None)');
  });

  it('writes tensor arguments given as {shape, dtype, data} back as literals with the same values', () => {
    const p = presetToForm({ module: 'nll_loss', args: { target: { shape: [2], dtype: 'int64', data: [1, 0] }, input: { shape: [1], dtype: 'float64', data: ['nan'] } } });
    assert.ok(p);
    assert.equal(p.module, 'NLLLoss');
    assert.equal(p.form.args.target, 'torch.tensor([1, 0])');
    assert.equal(p.form.args.input, "torch.tensor([float('nan')], dtype=torch.float64)");
  });

  it('refuses an unknown loss instead of guessing', () => {
    assert.equal(presetToForm({ module: 'NotALoss' }), undefined);
  });
});
