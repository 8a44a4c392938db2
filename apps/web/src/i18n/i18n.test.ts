import { describe, expect, it } from 'vitest';
import en from './en.json';
import zhCN from './zh-CN.json';

/** Values that are the same in every language (brand names, language names, examples). */
const SAME_IN_ALL_LANGUAGES = new Set(['OrderCare', 'EN', '中文', 'you@example.com']);

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();
}

const enKeys = flatten(en as Tree);
const zhKeys = flatten(zhCN as Tree);

describe('i18n resources', () => {
  it('have exactly the same keys in en and zh-CN', () => {
    expect([...zhKeys.keys()].sort()).toEqual([...enKeys.keys()].sort());
  });

  it('have only non-empty string leaves', () => {
    for (const [key, value] of [...enKeys, ...zhKeys]) {
      expect(value.trim(), key).not.toBe('');
    }
  });

  it('translate every zh-CN value except the allowlisted ones', () => {
    const untranslated = [...enKeys]
      .filter(([key, value]) => zhKeys.get(key) === value && !SAME_IN_ALL_LANGUAGES.has(value))
      .map(([key]) => key);
    expect(untranslated).toEqual([]);
  });

  it('use the same interpolation placeholders in both languages', () => {
    for (const [key, value] of enKeys) {
      expect(placeholders(zhKeys.get(key) ?? ''), key).toEqual(placeholders(value));
    }
  });

  it('write zh-CN values in Chinese', () => {
    const latinOnly = [...zhKeys]
      .filter(([, value]) => !SAME_IN_ALL_LANGUAGES.has(value) && !/[\u4e00-\u9fff]/.test(value))
      .map(([key]) => key);
    expect(latinOnly).toEqual([]);
  });
});
