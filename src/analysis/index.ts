/**
 * The Python analyzer's public surface. Pure: no IO, no `vscode`; the caller passes grammar bytes.
 *
 *   const grammar = await loadPython({ runtime, python });   // bytes of the two .wasm files in dist/
 *   const doc = new DocumentAnalysis(grammar, text);          // keep one per open document
 *   doc.update([{ start, end, text }]);                       // on each edit: incremental reparse
 *
 * For hover: `lossAt(doc, offset)` → the loss named or held under the cursor (`nn.BCELoss`,
 * `torch.nn.BCELoss`, from-imported/aliased names, `F.binary_cross_entropy`,
 * `torch.nn.functional.binary_cross_entropy`, or a variable / `self` attribute holding a built loss)
 * with its catalogue id, form (`module` | `functional` | `criterion`), constructor arguments as source
 * text by parameter name, and the name's offset range; undefined elsewhere.
 *
 * For inline evaluation: `lossSites(doc)` → every construction (`nn.X(...)`), criterion call
 * (`criterion(a, b)`) and functional call (`F.x(a, b)`) with the text and offset range of each
 * tensor input (by forward-argument name) and each option (by parameter name).
 */
export { loadPython, type GrammarBytes, type PythonGrammar, type TextChange } from './parse';
export { DocumentAnalysis, type ModuleContext } from './document';
export { Workspace, type Resolved } from './workspace/workspace';
export type { SourceHost } from './workspace/host';
export { lossAt, lossSites, type LossAtCursor, type LossSiteInfo, type ArgumentInfo } from './lossAt';
export { analyze, lineOf, type AnalyzeOptions } from './analyze';
export { applyEdits, type Diagnostic, type Fix, type Severity, type TextEdit } from './diagnostic';
export { RULES, findRule, type Rule, type RuleMeta } from './rules';
export { explainRule, ruleDocsUrl, rulesMarkdownTable, rulesText } from './ruleDocs';
export { byCell, cellAt, joinCells, notebookCode, type JoinedCells } from './notebook';
export { noqaEdit } from './noqa';
