/**
 * What passes between the language server (src/server) and the VS Code client beyond LSP itself,
 * typed once for both sides. Other editors send none of it and get plain LSP.
 */

export type FormulaTheme = 'light' | 'dark';

/** `initializationOptions` of `initialize`. */
export interface ServerInitializationOptions {
  /** The client runs `lossLens.openCalculator`: hovers, inlay hints and code actions then link to the calculator. */
  readonly calculator?: boolean;
  /** Hovers show formulas as images rendered at build time for this theme (data URIs), as VS Code's hovers can. */
  readonly formulaTheme?: FormulaTheme;
  /** The `lossLens` settings, for a client that doesn't answer `workspace/configuration`. */
  readonly lossLens?: unknown;
}

/** Client → server notification: the colour theme changed, so formula images switch. */
export const SET_FORMULA_THEME = 'lossLens/setFormulaTheme';
export interface SetFormulaThemeParams {
  readonly theme: FormulaTheme;
}

/** Commands the client runs itself (the server only names them). */
export const OPEN_CALCULATOR = 'lossLens.openCalculator';

/** Commands the server runs (`workspace/executeCommand`): jump to the file that decided a finding. */
export const SHOW_RELATED = 'lossLens.showRelated';

/** Client → server request: a rule's documentation (as `loss-lens explain` prints it), in the server's locale; null for an unknown code. */
export const EXPLAIN_RULE = 'lossLens/explainRule';
export interface ExplainRuleParams {
  readonly code: string;
}
export type ExplainRuleResult = string | null;
