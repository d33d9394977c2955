import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { manifestJsonSchema, manifestJsonSchemaText } from '../../../../common/pack/manifestJsonSchema';

const committed = new URL('../../../../resources/packs/manifest.schema.json', import.meta.url);

describe('manifest.schema.json', () => {
  it('is exactly what `npm run pack:schema` generates from the zod schema (run it after changing common/pack/)', () => {
    expect(readFileSync(committed, 'utf8')).toBe(manifestJsonSchemaText());
  });

  it('describes the sections, the bilingual texts and the asset list', () => {
    const s = manifestJsonSchema() as {
      properties: Record<string, { required?: string[]; properties?: Record<string, unknown> }>;
      required: string[];
    };
    expect(s.required).toEqual(expect.arrayContaining(['schemaVersion', 'id', 'version', 'title', 'author', 'date', 'assets']));
    expect(s.required).not.toContain('history');
    expect(Object.keys(s.properties)).toEqual(expect.arrayContaining(['attract', 'history', 'panorama', 'postcard', 'smile']));
    expect(s.properties.title?.required).toEqual(['zh-CN', 'en']);
  });
});
