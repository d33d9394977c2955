import { describe, expect, it } from 'vitest';
import { correctionOf, shippedSmileCorrection, smileCorrectionAt, smileModel } from '../../../../common/smile/smileModel';
import type { SmileModelFile } from '../../../../common/smile/smileScorer';
import { countingPoint } from '../../../fixtures/smile/countingPoint';

const crops = { method: 'cv', sensitivity: 0.9, specificity: 0.91, positives: 1800, negatives: 5200 };
const walks = countingPoint;
const file = (over: Partial<SmileModelFile>) => ({
  ...smileModel,
  version: 7,
  operatingPoint: crops,
  countingOperatingPoint: undefined,
  ...over,
});

describe('correctionOf', () => {
  it('corrects with the error per counted visitor when the file has it, else with the error per face crop', () => {
    expect(correctionOf(file({}))).toEqual({ version: 7, sensitivity: 0.9, specificity: 0.91, positives: 1800, negatives: 5200 });
    expect(correctionOf(file({ countingOperatingPoint: walks }))).toEqual({
      version: 7,
      sensitivity: 0.82,
      specificity: 0.95,
      positives: 398,
      negatives: 400,
    });
  });

  it('refuses a file whose figures cannot correct a share', () => {
    expect(() => correctionOf(file({ countingOperatingPoint: { ...walks, positives: 0 } }))).toThrow();
    expect(() => correctionOf(file({ operatingPoint: { ...crops, sensitivity: 1.2 } }))).toThrow();
  });

  it('gives the shipped correction at the model threshold only', () => {
    expect(shippedSmileCorrection).toEqual(correctionOf(smileModel));
    expect(smileCorrectionAt(smileModel.threshold)).toEqual(shippedSmileCorrection);
    expect(smileCorrectionAt(smileModel.threshold + 0.1)).toBeNull();
  });
});
