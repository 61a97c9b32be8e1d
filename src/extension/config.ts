import * as vscode from 'vscode';
import type { Locale } from '../catalogue';

/** The `lossLens` settings the extension itself reads; the server reads the rest through the client. */
export interface Settings {
  /** `lossLens.language`: auto follows VS Code's display language. */
  readonly language: 'auto' | 'en' | 'zh-cn';
}

export function readSettings(): Settings {
  const language = vscode.workspace.getConfiguration('lossLens').get<string>('language', 'auto');
  return { language: language === 'en' || language === 'zh-cn' ? language : 'auto' };
}

/** The one locale decision: `lossLens.language`, else VS Code's display language. */
export function decideLocale(settings: Settings, displayLanguage: string): Locale {
  if (settings.language === 'en') return 'en';
  if (settings.language === 'zh-cn') return 'zh';
  return displayLanguage.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** A locale as `lossLens.language` spells it, for the server. */
export function languageSetting(locale: Locale): 'en' | 'zh-cn' {
  return locale === 'zh' ? 'zh-cn' : 'en';
}
