import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { balancedAgreement, parseRatings, secondRaterReport, type RatedFace } from '../../../../scripts/smile/secondRater';

describe('parseRatings', () => {
  it('reads image -> 0/1', () => {
    const r = parseRatings('image,second_rater_smile\nsmile/1.jpg,1\r\nno-smile/2.jpg,0\n\n');
    expect([...r]).toEqual([
      ['smile/1.jpg', 1],
      ['no-smile/2.jpg', 0],
    ]);
  });

  it('reports every bad line at once, with its number', () => {
    expect(() => parseRatings('image,second_rater_smile\na.jpg,2\nb.jpg\na.jpg,1\na.jpg,0\nc.jpg,1,x')).toThrow(
      /line 2: .*a\.jpg,2[\s\S]*line 3: .*b\.jpg"[\s\S]*line 5: a\.jpg is rated twice[\s\S]*line 6/,
    );
  });

  it('refuses a file without the header', () => {
    expect(() => parseRatings('smile/1.jpg,1')).toThrow(/first line/);
  });

  it('the committed ratings parse: all 496 images of smiles-dev', () => {
    const r = parseRatings(readFileSync(join(__dirname, '../../../../scripts/smile/smiles-dev-second-rater.csv'), 'utf8'));
    expect(r.size).toBe(496);
    expect([...r.keys()].every((k) => /^(smile|no-smile)\/\d+\.jpg$/.test(k))).toBe(true);
  });
});

describe('secondRaterReport', () => {
  const face = (image: string, label: 0 | 1, decision: 0 | 1): RatedFace => ({ image, label, decision });

  it('splits the model errors by what the rater said, and scores the model on the consensus faces', () => {
    const faces = [
      face('a', 1, 1), // all agree
      face('b', 0, 0), // all agree
      face('c', 0, 1), // model wrong, rater sides with the model (a label error?)
      face('d', 1, 0), // model wrong, rater sides with the label
      face('e', 1, 1), // model right, rater disagrees with both
      face('unrated', 0, 1),
    ];
    const ratings = new Map<string, 0 | 1>([
      ['a', 1],
      ['b', 0],
      ['c', 1],
      ['d', 1],
      ['e', 0],
    ]);
    const r = secondRaterReport(faces, ratings);
    expect(r.faces).toBe(5);
    expect(r.modelErrors).toEqual({ faces: 2, raterSidesWithModel: 1 });
    // consensus: a (1/1), b (0/0), d (1 vs model 0): smile recall 1/2, no-smile recall 1/1
    expect(r.consensus).toEqual({ faces: 3, modelBalancedAccuracy: 0.75 });
    // rater vs label: label 1: a=1 d=1 e=0 -> 2/3; label 0: b=0 c=1 -> 1/2
    expect(r.raterVsLabel).toBeCloseTo((2 / 3 + 1 / 2) / 2, 10);
    expect(r.modelVsRater).toBeCloseTo((2 / 3 + 1 / 2) / 2, 10); // rater 1: a=1 c=1 d=0; rater 0: b=0 e=1
  });

  it('fails clearly when no scored face is rated', () => {
    expect(() => secondRaterReport([face('x', 1, 1)], new Map([['y', 1]]))).toThrow(/no rated image/);
  });

  it('balancedAgreement is NaN without both classes', () => {
    expect(balancedAgreement([{ decided: 1, truth: 1 }])).toBeNaN();
  });
});
