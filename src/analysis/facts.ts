import { collectLossSites, type LossSites } from './semantic/lossSites';
import { Semantics } from './semantic/semantics';
import { indexFile } from './semantic/fileIndex';
import type { SNode } from './syntax';

/** The semantic facts of one version of a document, built on first use. */
export interface Facts {
  readonly semantics: Semantics;
  readonly sites: LossSites;
}

export function buildFacts(root: SNode): Facts {
  const semantics = new Semantics(root, indexFile(root));
  return { semantics, sites: collectLossSites(semantics) };
}
