import * as vscode from 'vscode';
import { loadPython, type PythonGrammar } from '../analysis';

let grammar: Promise<PythonGrammar> | undefined;

/** Reads the two tree-sitter wasm files esbuild copies into dist/ (the IO the analyzer doesn't do); once per session. */
export function pythonGrammar(extensionUri: vscode.Uri): Promise<PythonGrammar> {
  grammar ??= (async () => {
    const read = (name: string) => vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'dist', name));
    const [runtime, python] = await Promise.all([read('web-tree-sitter.wasm'), read('tree-sitter-python.wasm')]);
    return loadPython({ runtime, python });
  })();
  return grammar;
}
