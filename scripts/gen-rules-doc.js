// Regenerates README.md's `<!-- section: rules -->` block from the rule metadata, through the built CLI
// (`loss-lens rules --format markdown`), so the table is never written by hand. Run after `npm run build`.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const readme = path.join(root, 'README.md');
const table = execFileSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'rules', '--format', 'markdown'], { encoding: 'utf8' });

const intro = `The analyzer (\`src/analysis\`, tree-sitter) flags these loss misuses in the editor and in CI with
\`loss-lens check [--format text|json|sarif] [--select LL1,LL203] [--ignore …] [--fix] PATH...\`
(exit 1 when there are findings, 0 when none, 2 on usage errors or when a file could not be read, analysed
or fixed, each named on stderr while the rest are checked). \`--fix\` writes a file back in its own coding
(PEP 263), all at once (a temporary file renamed over it), never a read-only one, and in a notebook changes
only the fixed cells' source. \`loss-lens server --stdio\` serves the same rules to any editor (see
[Other editors](#other-editors)). \`loss-lens explain LL101\` prints a
rule's documentation, and in the editor a diagnostic's code opens the same page; \`# noqa: LL101\` on a
line silences that rule there; the setting
\`lossLens.rules.<slug>\` sets a rule to \`off\`, \`info\`, \`warning\` or \`error\`.
`;

const begin = '<!-- section: rules -->';
const end = '<!-- /section: rules -->';
const text = fs.readFileSync(readme, 'utf8');
const i = text.indexOf(begin);
const j = text.indexOf(end);
if (i === -1 || j === -1 || j < i) throw new Error('README.md lacks the <!-- section: rules --> block');
const block = `${begin}\n${intro}\n${table}${end}`;
fs.writeFileSync(readme, text.slice(0, i) + block + text.slice(j + end.length));
module.exports = { intro };
