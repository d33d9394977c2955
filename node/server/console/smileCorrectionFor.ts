import { shippedSmileCorrection } from '../../../common/smile/smileModel';
import { SmileCorrectionSchema, type SmileCorrection } from '../../../common/smileShare';
import type { Queryable } from '../db/Db';

/**
 * The correction a station's smiling counts are corrected with: the smile model its kiosks last reported in a
 * heartbeat (`smileModel`: version, sensitivity, specificity and the faces they were measured on), as the kiosk's
 * own dashboard does. A report without the face counts borrows them from the shipped model when the version is the
 * shipped one; otherwise, or when no kiosk of the station reported a model, the shares stay as counted (null).
 */
export async function smileCorrectionFor(db: Queryable, stationId: string): Promise<SmileCorrection | null> {
  const rows = await db.query<{ model: Record<string, unknown> | string | null }>(
    `SELECT body -> 'smileModel' AS model FROM heartbeats
      WHERE station_id = $1 AND body ? 'smileModel' ORDER BY received_at DESC LIMIT 1`,
    [stationId],
  );
  const raw = rows[0]?.model;
  if (!raw) return null;
  const m = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Record<string, unknown>;
  const shipped = m.version === shippedSmileCorrection.version ? shippedSmileCorrection : null;
  const parsed = SmileCorrectionSchema.safeParse({
    version: m.version,
    sensitivity: m.sensitivity,
    specificity: m.specificity,
    positives: m.positives ?? shipped?.positives,
    negatives: m.negatives ?? shipped?.negatives,
  });
  return parsed.success ? parsed.data : null;
}
