import { FaceAnalyzer, type FaceAnalyzerOptions, type FaceApi } from './faceAnalyzer';
import { FaceTracker, type FaceTrackerOptions } from './FaceTracker';
import type { SmileDecisionOptions } from './smileDecision';
import { SmileMeter } from './SmileMeter';
import { smileModel } from './smileModel';
import { modelScorer } from './smileScorer';

/**
 * The kiosk's counting loop for one camera, built in one place so that the camera worker and the
 * `smile:count` / benchmark command lines run the same code path (issue 6: "the same code path as the kiosk"):
 * the trained model's analyzer settings and scorer, and a tracker that decides each visitor's smile from whole-face
 * scores only (`requireScore`), with the model's threshold unless the kiosk's settings give another.
 */
export function createKioskMeter(
  faceapi: FaceApi,
  overrides: { analyzer?: Partial<FaceAnalyzerOptions>; tracker?: Partial<Omit<FaceTrackerOptions, 'smile'>> & { smile?: Partial<SmileDecisionOptions> } } = {},
): SmileMeter {
  const analyzer = new FaceAnalyzer(faceapi, { ...smileModel.analyzer, ...overrides.analyzer });
  const tracker = new FaceTracker({
    requireScore: true,
    ...overrides.tracker,
    smile: { aggregation: 'trimmedMean', trim: 0.2, threshold: smileModel.threshold, ...overrides.tracker?.smile },
  });
  return new SmileMeter(analyzer, modelScorer(smileModel), tracker);
}
