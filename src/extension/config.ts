import * as vscode from 'vscode';
import { RULES, type Severity } from '../analysis';
import type { Locale } from '../catalogue';

/** `lossLens.language` overrides VS Code's display language (auto/en/zh-cn). */
export function displayLocale(): Locale {
  const setting = vscode.workspace.getConfiguration('lossLens').get<string>('language', 'auto');
  if (setting === 'en') return 'en';
  if (setting === 'zh-cn') return 'zh';
  return vscode.env.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** `lossLens.enable`: diagnostics and hovers. */
export function lossLensEnabled(): boolean {
  return vscode.workspace.getConfiguration('lossLens').get<boolean>('enable', true);
}

/** `lossLens.rules.<slug>` by rule code, for the rules whose setting has a valid value. */
export function ruleSeverities(): Record<string, Severity | 'off'> {
  const cfg = vscode.workspace.getConfiguration('lossLens.rules');
  const out: Record<string, Severity | 'off'> = {};
  for (const r of RULES) {
    const v = cfg.get<string>(r.meta.slug);
    if (v === 'off' || v === 'info' || v === 'warning' || v === 'error') out[r.meta.code] = v;
  }
  return out;
}
