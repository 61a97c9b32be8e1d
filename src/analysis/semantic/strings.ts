import { textOf, unparen, type SNode } from '../syntax';

/** The value of a plain string literal (`'mean'`, `"bce"`), or undefined. */
export function stringLiteral(n: SNode): string | undefined {
  const s = unparen(n);
  if (s.type !== 'string') return undefined;
  const m = /^[rRuU]?(['"])((?:[^'"\\\n]|\\.)*)\1$/.exec(textOf(s));
  return m ? m[2] : undefined;
}
