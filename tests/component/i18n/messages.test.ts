import { describe, expect, it } from 'vitest';
import { EXHIBITS } from '../../../src/exhibits/registry';
import { WEEKDAY_KEYS } from '../../../common/openingHours';
import { createKioskI18n, MESSAGES } from '../../../src/i18n';

/** Every leaf key of a message tree, as dotted paths. */
function keysOf(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keysOf(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}
/** The `{name}` placeholders of every message. */
function placeholdersOf(tree: object): Record<string, string[]> {
  const get = (path: string): string => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], tree) as string;
  return Object.fromEntries(keysOf(tree).map((k) => [k, [...get(k).matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).sort()]));
}

const { en, 'zh-CN': zhCN } = MESSAGES;

describe("i18n messages (the shell's and every exhibit's own)", () => {
  it('zh-CN and en have exactly the same keys', () => {
    expect(keysOf(en).sort()).toEqual(keysOf(zhCN).sort());
    expect(keysOf(zhCN).length).toBeGreaterThan(50);
  });

  it('every message uses the same placeholders in both languages', () => {
    expect(placeholdersOf(en)).toEqual(placeholdersOf(zhCN));
  });

  it("no message is empty, and English has no untranslated Chinese outside the exhibits' other-language subtitles", () => {
    for (const tree of [en, zhCN])
      for (const k of keysOf(tree)) expect(k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], tree)).not.toBe('');
    const flat = (path: string) => path.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], en) as string;
    const chinese = keysOf(en).filter((k) => /[\u4e00-\u9fff]/.test(flat(k)));
    expect(chinese.sort()).toEqual(
      [
        'exhibits.history.subtitle',
        'exhibits.narrator.subtitle',
        'exhibits.panorama.subtitle',
        'exhibits.postcard.subtitle',
        'exhibits.smile.subtitle',
        'language.switchLabel',
        'language.switchTo',
        'languages.zh-CN',
      ].sort(),
    );
  });

  it('has the keys the shell builds at run time (exhibit cards, weekdays)', () => {
    const i18n = createKioskI18n('en');
    const keys = [...EXHIBITS.flatMap((e) => [e.titleKey, e.subtitleKey, e.descriptionKey]), ...WEEKDAY_KEYS.map((d) => `weekdays.${d}`)];
    for (const locale of ['en', 'zh-CN'] as const)
      for (const key of keys) expect(i18n.global.te(key, locale), `${locale}: ${key}`).toBe(true);
  });
});
