import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOSSES, formulaVariants, lossByFunctional, lossById, lossByModule, type Localized, type LossEntry } from '../../../src/catalogue';

interface TorchParam { name: string; default: unknown; repr: string; keywordOnly: boolean }
interface TorchLoss {
  module: string;
  init: TorchParam[];
  forward: string[];
  functional: TorchParam[];
  example: { source: string; ok: boolean; loss?: number; error?: string };
}
const torch: { losses: Record<string, TorchLoss> } = JSON.parse(readFileSync(join(__dirname, '../../fixtures/catalogue/torch.json'), 'utf8'));

const RULES = ['LL101', 'LL102', 'LL103', 'LL104', 'LL105', 'LL106', 'LL107', 'LL108', 'LL110', 'LL111', 'LL112', 'LL201', 'LL202', 'LL203', 'LL204', 'LL206', 'LL301', 'LL302', 'LL303', 'LL304', 'LL305'];
const CJK = /[\u4e00-\u9fff]/;

/** Every {en, zh} pair in an entry, with its path, found by walking the object. */
function localizedFields(value: unknown, path: string, out: [string, Localized][] = []): [string, Localized][] {
  if (Array.isArray(value)) value.forEach((v, i) => localizedFields(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.en === 'string' && typeof o.zh === 'string' && Object.keys(o).length === 2) out.push([path, o as unknown as Localized]);
    else for (const [k, v] of Object.entries(o)) localizedFields(v, `${path}.${k}`, out);
  }
  return out;
}

function check(entry: LossEntry, fn: (e: LossEntry, t: TorchLoss) => void): void {
  const t = torch.losses[entry.id];
  assert.ok(t, `no PyTorch fixture for ${entry.id}; rerun scripts/gen_catalogue_fixtures.py`);
  fn(entry, t);
}

describe('catalogue', () => {
  it('documents all 21 torch.nn losses, sorted by id, each found by id, class and functional name', () => {
    assert.equal(LOSSES.length, 21);
    const ids = LOSSES.map((l) => l.id);
    assert.deepEqual(ids, [...ids].sort());
    assert.deepEqual(Object.keys(torch.losses).sort(), [...ids].sort());
    for (const l of LOSSES) {
      assert.equal(lossById(l.id), l);
      assert.equal(lossByModule(l.module), l);
      assert.equal(lossByFunctional(l.functional.name), l);
      const expectedId = l.module.replace(/Loss$/, '').replace(/^[A-Z]+(?=[A-Z][a-z]|$)|^[A-Z]/, (m) => m.toLowerCase());
      assert.equal(l.id.toLowerCase(), expectedId.toLowerCase(), `${l.module} id`);
    }
  });

  for (const entry of LOSSES) {
    describe(entry.module, () => {
      it('has every text in English and in Simplified Chinese', () => {
        const fields = localizedFields(entry, entry.id);
        assert.ok(fields.length >= 10, `only ${fields.length} texts`);
        for (const [path, text] of fields) {
          assert.ok(text.en.trim().length > 0, `${path}.en is empty`);
          assert.ok(text.zh.trim().length > 0, `${path}.zh is empty`);
          assert.match(text.zh, CJK, `${path}.zh has no Chinese: ${text.zh}`);
          assert.doesNotMatch(text.en, CJK, `${path}.en contains Chinese`);
        }
        assert.ok(entry.whenToUse.length > 0 && entry.whenNotToUse.length > 0 && entry.pitfalls.length > 0);
        assert.ok(entry.aliases.length > 0);
      });

      it('has the constructor parameters, defaults and order of the installed PyTorch', () =>
        check(entry, (e, t) => {
          assert.deepEqual(e.params.map((p) => p.name), t.init.map((p) => p.name));
          for (const [i, p] of e.params.entries()) {
            assert.deepEqual(p.default, t.init[i].default, `${p.name} default`);
            assert.equal(e.keywordOnly === true, t.init[i].keywordOnly, `${p.name} keyword-only`);
          }
          assert.deepEqual(e.forward.map((a) => a.name), t.forward);
        }));

      it('has the functional signature of the installed PyTorch', () =>
        check(entry, (e, t) => {
          // torch 2.6+ added a functional-only `weight` to l1_loss, mse_loss and huber_loss; the catalogue
          // lists the constructor's parameters, so PyTorch may have extra trailing ones, all defaulting to None.
          const names = t.functional.map((p) => p.name);
          const ours = [...e.functional.args, ...e.functional.params];
          assert.deepEqual(names.slice(0, ours.length), ours);
          for (const extra of t.functional.slice(ours.length)) assert.equal(extra.default, null, `functional-only ${extra.name}`);
          const kwOnly = t.functional.filter((p) => p.keywordOnly).map((p) => p.name);
          assert.deepEqual(kwOnly, e.functional.keywordOnly ? [...e.functional.params] : []);
        }));

      it('describes the shape of every forward argument, in forward order', () => {
        assert.deepEqual(entry.shapes.args.map((a) => a.name), entry.forward.map((a) => a.name));
        for (const a of entry.shapes.args) assert.match(a.shape, /^\(|^\(\)/, `${a.name} shape ${a.shape}`);
        assert.match(entry.shapes.output.shape, /^\(/);
      });

      it('has a formula for the unreduced loss and for each reduction it accepts', () => {
        const reduction = entry.params.find((p) => p.type === 'reduction');
        assert.ok(reduction?.choices);
        const wanted = reduction.choices.filter((c) => c !== 'none').sort();
        assert.deepEqual(formulaVariants(entry.formula).filter((v) => v !== 'unreduced').sort(), wanted);
      });

      it('links its pitfalls to existing analyzer rule codes and its docs to pytorch.org', () => {
        for (const p of entry.pitfalls) if (p.rule) assert.ok(RULES.includes(p.rule), p.rule);
        assert.equal(entry.docsUrl, `https://pytorch.org/docs/stable/generated/torch.nn.${entry.module}.html`);
      });

      it('has an example that constructs this loss and ran under PyTorch when the fixtures were generated', () =>
        check(entry, (e, t) => {
          assert.match(e.example, new RegExp(`nn\\.${e.module}\\(`));
          assert.equal(t.example.source, e.example, 'example changed since the fixture was generated; rerun scripts/gen_catalogue_fixtures.py');
          assert.ok(t.example.ok, `example failed under PyTorch: ${t.example.error ?? 'no finite scalar loss'}`);
        }));
    });
  }

  it('documents every analyzer rule that concerns a specific loss somewhere in the catalogue', () => {
    const linked = new Set(LOSSES.flatMap((l) => l.pitfalls.map((p) => p.rule).filter(Boolean)));
    // LL302 (deprecated size_average/reduce) is documented on the parameters themselves.
    for (const code of RULES.filter((c) => c !== 'LL302')) assert.ok(linked.has(code as never), `${code} is linked from no pitfall`);
  });
});
