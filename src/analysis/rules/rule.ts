import type { Localized } from '../../catalogue';
import type { Severity, TextEdit } from '../diagnostic';
import type { Facts } from '../facts';
import type { LossCall } from '../semantic/lossSites';
import type { SNode } from '../syntax';

export interface RuleDocs {
  /** One line: what the rule flags. */
  readonly summary: Localized;
  /** Why it is a bug, in a few sentences. */
  readonly why: Localized;
  /** Python that fires (`bad`) and the corrected version (`good`); comments in each language. */
  readonly bad: Localized;
  readonly good: Localized;
}

export interface RuleMeta {
  readonly code: string;
  readonly slug: string;
  readonly severity: Severity;
  readonly fixable: 'none' | 'sometimes' | 'always';
  /** Message templates by id; `{name}` placeholders are filled from the report's data. */
  readonly messages: Readonly<Record<string, Localized>>;
  /** Fix titles by id, same placeholders. */
  readonly fixes: Readonly<Record<string, Localized>>;
  readonly docs: RuleDocs;
}

/** Message data: plain text, or text per language (for clauses that differ by language). */
export type MessageData = Readonly<Record<string, string | Localized>>;

export interface FixReport {
  readonly id: string;
  readonly data?: MessageData;
  readonly edits: readonly TextEdit[];
  readonly preferred?: boolean;
}

export interface Report {
  readonly node: SNode;
  /** What decided the finding, when that may be in another file (shown as related information there). */
  readonly related?: SNode;
  readonly messageId: string;
  readonly data?: MessageData;
  readonly fixes?: readonly FixReport[];
}

export interface RuleContext {
  readonly facts: Facts;
  readonly text: string;
  report(r: Report): void;
  /** True when LL304 sees `(target, input)` order on this call; input/target rules then stay silent. */
  swapped(call: LossCall): boolean;
  /** Every loss call of the file (rules otherwise see one statement's sites in `facts.sites`). */
  allCalls(): readonly LossCall[];
}

export interface Rule {
  readonly meta: RuleMeta;
  check(ctx: RuleContext): void;
}
