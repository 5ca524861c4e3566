// The current language: zh-CN by default, en on request; remembered in localStorage and
// mirrored on <html lang> so that fonts and screen readers follow.
import { en } from './en';
import type { MessageKey, Messages } from './messages';
import { zhCN } from './zh-CN';

export type Lang = 'zh-CN' | 'en';
const STORAGE_KEY = 'planner-lang';
const DICTIONARIES: Record<Lang, Messages> = { 'zh-CN': zhCN, en };

export function translate(dict: Messages, key: MessageKey, params: Record<string, string | number> = {}): string {
  return dict[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

class Locale {
  lang = $state<Lang>('zh-CN');

  constructor() {
    const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
    if (saved === 'en' || saved === 'zh-CN') this.lang = saved;
    this.apply();
  }

  t = (key: MessageKey, params?: Record<string, string | number>): string =>
    translate(DICTIONARIES[this.lang], key, params);

  toggle(): void {
    this.lang = this.lang === 'zh-CN' ? 'en' : 'zh-CN';
    if (typeof localStorage !== 'undefined') localStorage.setItem(STORAGE_KEY, this.lang);
    this.apply();
  }

  private apply(): void {
    if (typeof document !== 'undefined') document.documentElement.lang = this.lang;
  }
}

export const locale = new Locale();
