import { MIN_AUTO_INPUT_SIZE, type DetectionPolicy } from './detectionWindow';
import { FaceAnalyzer, type FaceAnalyzerOptions, type FaceApi } from './faceAnalyzer';
import { FaceTracker, type FaceTrackerOptions } from './FaceTracker';
import { SecondLook, type SecondLookOptions } from './SecondLook';
import type { SmileDecisionOptions } from './smileDecision';
import { SmileMeter } from './SmileMeter';
import { smileModel } from './smileModel';
import { modelScorer, type SmileModelFile } from './smileScorer';

export interface KioskMeterOverrides {
  /** `inputSize`: the detector's largest input (the frame-rate budget; the settings' `detectorInputSize`). */
  analyzer?: Partial<FaceAnalyzerOptions>;
  tracker?: Partial<Omit<FaceTrackerOptions, 'smile'>> & { smile?: Partial<SmileDecisionOptions> };
  /**
   * Where the detector looks and at what size (common/smile/detectionWindow.ts): the tracker's region of interest plus a
   * margin, at the input size the tracker's `minFaceSize` needs, from `MIN_AUTO_INPUT_SIZE` up to the analyzer's
   * `inputSize`. `false`: the whole frame at the analyzer's input size (the kiosk's earlier behaviour, kept for measurements).
   */
  detection?: Partial<Pick<DetectionPolicy, 'minInputSize' | 'margin'>> | false;
  /**
   * The second look for a face lost before its track was counted (common/smile/SecondLook.ts), on by default: it
   * brought the harder synthetic walks from 3.4-3.9 % of visitors missed to none missed (docs/experiments/smile.md, "A
   * second look at faces the detector lost"). `false`: none (the earlier behaviour, kept for measurements).
   */
  secondLook?: Partial<SecondLookOptions> | false;
}

/**
 * Margin of the detector's window around the counting region, as a fraction of the frame height: a face of up to a
 * fifth of the height whose centre is on the region's edge is still whole in the window.
 */
export const KIOSK_WINDOW_MARGIN = 0.1;

/** The detector confidence the model's error per counted visitor was measured at, which the meter must then use. */
export function countingDetector(file: SmileModelFile): Partial<FaceAnalyzerOptions> {
  const threshold = file.countingOperatingPoint?.detectorThreshold;
  return threshold === undefined ? {} : { scoreThreshold: threshold };
}

/**
 * The kiosk's counting loop for one camera, built in one place so that the camera worker and the
 * `smile:count` / benchmark command lines run the same code path (so a measurement measures what the kiosk runs):
 * the trained model's analyzer settings (the detector at the confidence its counting error was measured at) and
 * scorer, and a tracker that decides each visitor's smile from whole-face
 * scores only (`requireScore`), with the model's threshold unless the kiosk's settings give another, and a detector
 * that looks at the counting region at the input size the smallest wanted face needs (common/smile/detectionWindow.ts),
 * and looks a second time for a face lost before its track was counted (common/smile/SecondLook.ts).
 */
export function createKioskMeter(faceapi: FaceApi, overrides: KioskMeterOverrides = {}): SmileMeter {
  const analyzer = new FaceAnalyzer(faceapi, { ...smileModel.analyzer, ...countingDetector(smileModel), ...overrides.analyzer });
  const tracker = new FaceTracker({
    requireScore: true,
    ...overrides.tracker,
    smile: { aggregation: 'trimmedMean', trim: 0.2, threshold: smileModel.threshold, ...overrides.tracker?.smile },
  });
  const detection: DetectionPolicy | null =
    overrides.detection === false
      ? null
      : {
          roi: tracker.options.roi,
          minFaceSize: tracker.options.minFaceSize,
          minInputSize: MIN_AUTO_INPUT_SIZE,
          maxInputSize: analyzer.options.inputSize,
          margin: KIOSK_WINDOW_MARGIN,
          ...overrides.detection,
        };
  const secondLook = overrides.secondLook === false ? null : new SecondLook(overrides.secondLook);
  return new SmileMeter(analyzer, modelScorer(smileModel), tracker, detection, secondLook);
}
