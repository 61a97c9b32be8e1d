import { RULES, type Severity } from '../analysis';
import type { Locale } from '../catalogue';

/** The `lossLens` settings the server honours (package.json's contributes.configuration names them). */
export interface Settings {
  readonly enable: boolean;
  readonly inlineValues: boolean;
  readonly calculatorLens: boolean;
  readonly language: 'auto' | 'en' | 'zh-cn';
  /** Per rule code, from `lossLens.rules.<slug>`; a rule without a valid value keeps its default severity. */
  readonly rules: Readonly<Record<string, Severity | 'off'>>;
}

export const DEFAULT_SETTINGS: Settings = { enable: true, inlineValues: true, calculatorLens: true, language: 'auto', rules: {} };

/** Every setting key the server reads, as package.json spells it (a unit test keeps the two equal). */
export function settingKeys(): string[] {
  return ['lossLens.enable', 'lossLens.inlineValues.enable', 'lossLens.calculatorLens.enable', 'lossLens.language', ...RULES.map((r) => `lossLens.rules.${r.meta.slug}`)];
}

/**
 * A key of the `lossLens` section: VS Code and most clients nest dotted keys (`{rules: {"bce-on-logits": …}}`),
 * some pass them flat (`{"rules.bce-on-logits": …}`); both are read.
 */
function read(section: Record<string, unknown>, key: string): unknown {
  if (key in section) return section[key];
  const dot = key.indexOf('.');
  if (dot < 0) return undefined;
  const head = section[key.slice(0, dot)];
  return head && typeof head === 'object' ? read(head as Record<string, unknown>, key.slice(dot + 1)) : undefined;
}

/**
 * The settings in a client's `lossLens` section; a missing or invalid value keeps its default and
 * each invalid one is reported through `warn` (which key, what was expected, what was given).
 */
export function parseSettings(section: unknown, warn: (message: string) => void): Settings {
  if (section === null || section === undefined) return DEFAULT_SETTINGS;
  if (typeof section !== 'object' || Array.isArray(section)) {
    warn(`lossLens: expected an object of settings, got ${JSON.stringify(section)}`);
    return DEFAULT_SETTINGS;
  }
  const s = section as Record<string, unknown>;
  const pick = <T>(key: string, valid: readonly T[], fallback: T): T => {
    const v = read(s, key);
    if (v === undefined || v === null) return fallback;
    if (valid.includes(v as T)) return v as T;
    warn(`lossLens.${key}: expected one of ${valid.map((x) => JSON.stringify(x)).join(', ')}, got ${JSON.stringify(v)}`);
    return fallback;
  };
  const rules: Record<string, Severity | 'off'> = {};
  for (const r of RULES) {
    const v = pick<Severity | 'off' | undefined>(`rules.${r.meta.slug}`, ['off', 'info', 'warning', 'error'], undefined);
    if (v !== undefined) rules[r.meta.code] = v;
  }
  return {
    enable: pick('enable', [true, false], true),
    inlineValues: pick('inlineValues.enable', [true, false], true),
    calculatorLens: pick('calculatorLens.enable', [true, false], true),
    language: pick('language', ['auto', 'en', 'zh-cn'] as const, 'auto'),
    rules,
  };
}

/** `lossLens.language`, else the client's display locale (LSP `initialize.locale`). */
export function localeOf(settings: Settings, clientLocale: string | undefined): Locale {
  if (settings.language === 'en') return 'en';
  if (settings.language === 'zh-cn') return 'zh';
  return clientLocale?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
