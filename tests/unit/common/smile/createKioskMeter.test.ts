import { describe, expect, it } from 'vitest';
import { countingDetector, createKioskMeter } from '../../../../common/smile/createKioskMeter';
import type { FaceApi } from '../../../../common/smile/faceAnalyzer';
import { smileModel } from '../../../../common/smile/smileModel';
import { countingPoint as point } from '../../../fixtures/smile/countingPoint';

// The meter is only built here, never run: nothing of face-api is called.
const faceapi = {} as FaceApi;

describe('countingDetector', () => {
  it('gives the detector confidence the counting error was measured at, and nothing when the file has none', () => {
    expect(countingDetector({ ...smileModel, countingOperatingPoint: { ...point, detectorThreshold: 0.2 } })).toEqual({
      scoreThreshold: 0.2,
    });
    expect(countingDetector({ ...smileModel, countingOperatingPoint: point })).toEqual({});
    expect(countingDetector({ ...smileModel, countingOperatingPoint: undefined })).toEqual({});
  });
});

describe('createKioskMeter', () => {
  it("detects at the shipped model's counting confidence, so its correction matches what it counts", () => {
    const expected = smileModel.countingOperatingPoint?.detectorThreshold ?? smileModel.analyzer.scoreThreshold;
    expect(createKioskMeter(faceapi).analyzer.options.scoreThreshold).toBe(expected);
    expect(createKioskMeter(faceapi, { analyzer: { scoreThreshold: 0.6 } }).analyzer.options.scoreThreshold).toBe(0.6);
  });

  it('looks a second time for a face lost before it was counted, unless told not to', () => {
    expect(createKioskMeter(faceapi).secondLook?.options.maxPerFrame).toBe(1);
    expect(createKioskMeter(faceapi, { secondLook: { inputSize: 128 } }).secondLook?.options.inputSize).toBe(128);
    expect(createKioskMeter(faceapi, { secondLook: false }).secondLook).toBeNull();
  });
});
