/** Sentence splitting for subtitle cues, and Chinese text made easier for espeak-ng to read. */

export type Lang = 'zh' | 'en';

/**
 * Splits a paragraph after each sentence end: 。！？ for Chinese (with a closing quote kept on
 * its sentence), . ! ? followed by a space for English (so "2.8" stays whole).
 */
export function splitSentences(text: string, lang: Lang): string[] {
  const re = lang === 'zh' ? /(?<=[。！？][”」]?)(?![”」])/u : /(?<=[.!?]["”]?)\s+/u;
  return text
    .split(re)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

const DIGITS = '零一二三四五六七八九';

/**
 * Years are read digit by digit in Chinese (1883年 -> 一八八三年) and decimals with 点
 * (2.8 -> 二点八); espeak-ng would otherwise read 1883 as a cardinal number.
 */
export function speakableZh(text: string): string {
  const digits = (s: string): string => [...s].map((d) => DIGITS[Number(d)]).join('');
  return text
    .replace(/(\d{4})(?=年)/gu, (_, y: string) => digits(y))
    .replace(/(\d+)\.(\d+)/gu, (_, a: string, b: string) => `${a}点${digits(b)}`)
    .replace(/[“”「」]/gu, '');
}

/** English respellings of place names, so the English voice says them close to Mandarin. */
const EN_RESPELL: Array<[RegExp, string]> = [
  [/Qinhuangdao/gu, 'Chin whahng dow'],
  [/Yangshupu/gu, 'Yahng shoo poo'],
  [/Yangpu/gu, 'Yahng poo'],
  [/Huangpu/gu, 'Whahng poo'],
];

/**
 * Years are said in pairs ("1913" -> "19 13", "nineteen thirteen"); espeak-ng's English voice
 * would otherwise say "nineteen hundred thirteen". Years ending in 00-09 are left as they are.
 */
export function speakableEn(text: string): string {
  let out = text.replace(/\b(1[5-9]|20)([1-9]\d)\b/gu, '$1 $2');
  for (const [re, say] of EN_RESPELL) out = out.replace(re, say);
  return out;
}
