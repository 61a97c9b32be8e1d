import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPython, type PythonGrammar } from '../../../src/analysis/parse';

const root = join(__dirname, '../../..');
let grammar: Promise<PythonGrammar> | undefined;

/** The Python grammar loaded from node_modules, once per test process. */
export function testGrammar(): Promise<PythonGrammar> {
  grammar ??= loadPython({
    runtime: readFileSync(join(root, 'node_modules/web-tree-sitter/web-tree-sitter.wasm')),
    python: readFileSync(join(root, 'node_modules/tree-sitter-python/tree-sitter-python.wasm')),
  });
  return grammar;
}

export const repoRoot = root;
