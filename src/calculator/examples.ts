import type { LossSignature } from '../catalogue';
import EXAMPLES from './examples.json';

const table = EXAMPLES as Readonly<Record<string, Readonly<Record<string, string>>>>;

/**
 * Small, valid arguments for each loss so the calculator shows a result before anything is typed.
 * The same JSON feeds scripts/gen_calculator_fixtures.py, which records PyTorch's answer for them.
 */
export function exampleArgs(sig: LossSignature): Record<string, string> {
  const given = table[sig.module] ?? {};
  const out: Record<string, string> = {};
  for (const a of sig.forward) out[a.name] = given[a.name] ?? (a.kind === 'float' ? 'torch.tensor([0.0])' : 'torch.tensor([0])');
  return out;
}
