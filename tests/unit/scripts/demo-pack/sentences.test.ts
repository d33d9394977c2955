import { describe, expect, it } from 'vitest';
import { speakableEn, speakableZh, splitSentences } from '../../../../scripts/demo-pack/sentences';

describe('splitSentences', () => {
  it('splits Chinese after 。！？ and keeps a closing quote with its sentence', () => {
    expect(splitSentences('这里是码头。他说：“出发！”我们走吧？', 'zh')).toEqual(['这里是码头。', '他说：“出发！”', '我们走吧？']);
  });

  it('splits English at sentence ends followed by a space, not inside numbers', () => {
    expect(splitSentences('About 2.8 km opened. Is it open? Yes! "Come," she said.', 'en')).toEqual([
      'About 2.8 km opened.',
      'Is it open?',
      'Yes!',
      '"Come," she said.',
    ]);
  });

  it('drops empty pieces', () => {
    expect(splitSentences('  ', 'en')).toEqual([]);
  });
});

describe('speakableZh', () => {
  it('reads years digit by digit and decimals with 点, and drops quotes', () => {
    expect(speakableZh('1883年，约2.8公里，“人民城市”')).toBe('一八八三年，约2点八公里，人民城市');
  });

  it('leaves numbers that are not years alone', () => {
    expect(speakableZh('一百多年，105米')).toBe('一百多年，105米');
  });
});

describe('speakableEn', () => {
  it('says years in pairs and respells place names for the English voice', () => {
    expect(speakableEn('In 1913, the Yangshupu plant on the Huangpu, near Qinhuangdao Road and Yangpu.')).toBe(
      'In 19 13, the Yahng shoo poo plant on the Whahng poo, near Chin whahng dow Road and Yahng poo.',
    );
  });

  it('leaves other numbers and years ending in 00-09 alone', () => {
    expect(speakableEn('About 2.8 km, 105 metres, in 1900 and 2008.')).toBe('About 2.8 km, 105 metres, in 1900 and 2008.');
  });
});
