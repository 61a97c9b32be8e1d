import * as vscode from 'vscode';
import type { Locale } from '../catalogue';

/** `lossLens.language` overrides VS Code's display language (auto/en/zh-cn). */
export function displayLocale(): Locale {
  const setting = vscode.workspace.getConfiguration('lossLens').get<string>('language', 'auto');
  if (setting === 'en') return 'en';
  if (setting === 'zh-cn') return 'zh';
  return vscode.env.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
