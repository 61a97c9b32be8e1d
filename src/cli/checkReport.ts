import { relative } from 'node:path';
import { RULES, ruleDocsUrl, type Diagnostic } from '../analysis';
import type { Locale } from '../catalogue';
import type { CheckArgs } from './checkArgs';

export interface Finding {
  file: string;
  cell?: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  code: string;
  rule: string;
  severity: string;
  message: string;
  fixable: boolean;
  /** Where another file decided the finding (its fix belongs there). */
  related?: { file: string; line: number; column: number };
}

function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

export function toFinding(file: string, text: string, d: Diagnostic, cell?: number): Finding {
  const s = position(text, d.start);
  const e = position(text, d.end);
  return {
    file, ...(cell === undefined ? {} : { cell }), line: s.line, column: s.column, endLine: e.line, endColumn: e.column,
    code: d.code, rule: d.slug, severity: d.severity, message: d.message, fixable: d.fixes.some((f) => f.preferred),
    ...(d.related ? { related: { file: relative(process.cwd(), d.related.path) || d.related.path, line: d.related.line, column: d.related.column + 1 } } : {}),
  };
}

function sarif(findings: Finding[]): unknown {
  const level = (s: string) => (s === 'info' ? 'note' : s);
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: {
          driver: {
            name: 'loss-lens',
            informationUri: ruleDocsUrl('').replace(/#$/, ''),
            rules: RULES.map((r) => ({
              id: r.meta.code,
              name: r.meta.slug,
              shortDescription: { text: r.meta.docs.summary.en },
              fullDescription: { text: r.meta.docs.why.en },
              helpUri: ruleDocsUrl(r.meta.code),
              defaultConfiguration: { level: level(r.meta.severity) },
            })),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.code,
          ruleIndex: RULES.findIndex((r) => r.meta.code === f.code),
          level: level(f.severity),
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: relative(process.cwd(), f.file).split('\\').join('/') },
                region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
              },
            },
          ],
        })),
      },
    ],
  };
}

function summary(findings: Finding[], locale: Locale): string {
  const fixable = findings.filter((f) => f.fixable).length;
  return locale === 'zh'
    ? `发现 ${findings.length} 个问题${fixable ? `（其中 ${fixable} 个可用 --fix 修复）` : ''}。\n`
    : `Found ${findings.length} problem${findings.length === 1 ? '' : 's'}${fixable ? ` (${fixable} fixable with --fix)` : ''}.\n`;
}

/** The findings in the chosen format, as the text to print on stdout. */
export function formatFindings(findings: Finding[], a: Pick<CheckArgs, 'format' | 'locale'>): string {
  if (a.format === 'json') return JSON.stringify(findings, null, 2) + '\n';
  if (a.format === 'sarif') return JSON.stringify(sarif(findings), null, 2) + '\n';
  let out = '';
  for (const f of findings) {
    const where = f.cell === undefined ? `${f.file}:${f.line}:${f.column}` : `${f.file}:cell ${f.cell}:${f.line}:${f.column}`;
    out += `${where}: ${f.code} ${f.fixable ? '[*] ' : ''}${f.message}\n`;
  }
  return findings.length > 0 ? out + summary(findings, a.locale) : out;
}
