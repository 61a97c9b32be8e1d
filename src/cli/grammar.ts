import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPython, type PythonGrammar } from '../analysis';

/** The two wasm files sit beside dist/cli.js; from sources (tsx) they are read from node_modules. */
function find(file: string, pkg: string): string {
  const candidates = [join(__dirname, file), join(__dirname, '..', 'dist', file), join(__dirname, '..', '..', 'node_modules', pkg, file)];
  const hit = candidates.find((p) => existsSync(p));
  if (!hit) throw new Error(`cannot find ${file}; looked in ${candidates.join(', ')}`);
  return hit;
}

let grammar: Promise<PythonGrammar> | undefined;

/** Loads the tree-sitter runtime and the Python grammar once per process. */
export function cliGrammar(): Promise<PythonGrammar> {
  grammar ??= loadPython({
    runtime: readFileSync(find('web-tree-sitter.wasm', 'web-tree-sitter')),
    python: readFileSync(find('tree-sitter-python.wasm', 'tree-sitter-python')),
  });
  return grammar;
}
