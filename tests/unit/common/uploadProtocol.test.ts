import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { BucketBatchSchema, HeartbeatSchema, hourFromWire, hourToWire, WireBucketSchema } from '../../../common/uploadProtocol';

const doc = parse(readFileSync('resources/api/upload-openapi.yaml', 'utf8')) as {
  openapi: string;
  paths: Record<
    string,
    { post?: { requestBody: { content: { 'application/json': { example?: unknown } } }; responses: Record<string, unknown> } }
  >;
  components: { schemas: Record<string, { required?: string[]; properties?: Record<string, { pattern?: string }> }> };
};

describe('upload protocol and its OpenAPI document', () => {
  it('is OpenAPI 3.1 with the two kiosk endpoints and their retry answers', () => {
    expect(doc.openapi).toBe('3.1.0');
    for (const p of ['/v1/buckets', '/v1/heartbeat']) {
      expect(Object.keys(doc.paths[p]?.post?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '401', '429', '503']));
    }
  });

  it('names exactly the fields the zod schemas accept', () => {
    const s = doc.components.schemas;
    expect([...(s.Bucket?.required ?? [])].sort()).toEqual(Object.keys(WireBucketSchema.shape).sort());
    expect([...(s.BucketBatch?.required ?? [])].sort()).toEqual(Object.keys(BucketBatchSchema.shape).sort());
    // Every field the zod schema has is in the document; the required ones are those zod does not mark optional.
    const heartbeat = HeartbeatSchema.shape as Record<string, { safeParse(v: unknown): { success: boolean } }>;
    expect(Object.keys(s.Heartbeat?.properties ?? {}).sort()).toEqual(Object.keys(heartbeat).sort());
    expect([...(s.Heartbeat?.required ?? [])].sort()).toEqual(
      Object.keys(heartbeat)
        .filter((k) => !heartbeat[k]!.safeParse(undefined).success)
        .sort(),
    );
    const hour = new RegExp(s.Bucket?.properties?.hour?.pattern ?? '');
    expect(hour.test('2026-11-23T02:00:00Z')).toBe(true);
    expect(hour.test('2026-11-23T02:30:00Z')).toBe(false);
  });

  it('a heartbeat with or without the smile model validates (older kiosks omit it); a malformed one does not', () => {
    const base = {
      protocol: 1,
      stationId: 's-1',
      kioskId: 'k-1',
      sentAt: '2026-11-23T02:00:00Z',
      appVersion: '1.0.0',
      uptimeSeconds: 1,
      restarts: 0,
      lastCrashReason: null,
      cameras: [],
      inferenceBackend: null,
      contentPack: null,
      freeDiskBytes: null,
      uploadBacklog: 0,
      lastSuccessfulUpload: null,
    };
    expect(HeartbeatSchema.safeParse(base).success).toBe(true);
    expect(HeartbeatSchema.safeParse({ ...base, smileModel: { version: 2, sensitivity: 0.88, specificity: 0.92 } }).success).toBe(true);
    expect(
      HeartbeatSchema.safeParse({
        ...base,
        smileModel: { version: 2, sensitivity: 0.88, specificity: 0.92, positives: 230, negatives: 229 },
      }).success,
    ).toBe(true);
    expect(HeartbeatSchema.safeParse({ ...base, smileModel: { version: 2, sensitivity: 1.2, specificity: 0.92 } }).success).toBe(false);
    expect(HeartbeatSchema.safeParse({ ...base, smileModel: { version: 2, sensitivity: 0.88 } }).success).toBe(false);
  });

  it('its example is a valid batch', () => {
    expect(BucketBatchSchema.safeParse(doc.paths['/v1/buckets']?.post?.requestBody.content['application/json'].example).success).toBe(true);
  });

  it('hours round-trip between Unix ms and the wire', () => {
    expect(hourToWire(Date.UTC(2026, 10, 23, 2))).toBe('2026-11-23T02:00:00Z');
    expect(hourFromWire('2026-11-23T02:00:00Z')).toBe(Date.UTC(2026, 10, 23, 2));
    expect(WireBucketSchema.safeParse({ kioskId: 'k-1', metric: 'a.b', hour: '2026-11-23T02:00:00Z', value: 1, revision: 0 }).success).toBe(
      false,
    );
  });
});
