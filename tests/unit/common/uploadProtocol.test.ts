import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { BucketBatchSchema, HeartbeatSchema, hourFromWire, hourToWire, WireBucketSchema } from '../../../common/uploadProtocol';

const doc = parse(readFileSync('resources/api/upload-openapi.yaml', 'utf8')) as {
  openapi: string;
  paths: Record<string, { post?: { requestBody: { content: { 'application/json': { example?: unknown } } }; responses: Record<string, unknown> } }>;
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
    expect([...(s.Heartbeat?.required ?? [])].sort()).toEqual(Object.keys(HeartbeatSchema.shape).sort());
    const hour = new RegExp(s.Bucket?.properties?.hour?.pattern ?? '');
    expect(hour.test('2026-11-23T02:00:00Z')).toBe(true);
    expect(hour.test('2026-11-23T02:30:00Z')).toBe(false);
  });

  it('its example is a valid batch', () => {
    expect(BucketBatchSchema.safeParse(doc.paths['/v1/buckets']?.post?.requestBody.content['application/json'].example).success).toBe(true);
  });

  it('hours round-trip between Unix ms and the wire', () => {
    expect(hourToWire(Date.UTC(2026, 10, 23, 2))).toBe('2026-11-23T02:00:00Z');
    expect(hourFromWire('2026-11-23T02:00:00Z')).toBe(Date.UTC(2026, 10, 23, 2));
    expect(WireBucketSchema.safeParse({ kioskId: 'k-1', metric: 'a.b', hour: '2026-11-23T02:00:00Z', value: 1, revision: 0 }).success).toBe(false);
  });
});
