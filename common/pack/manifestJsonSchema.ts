import { z } from 'zod';
import { ManifestObjectSchema } from './manifest';

/**
 * The JSON Schema designers' editors use for completion and validation, generated from the zod
 * schema with zod 4's `z.toJSONSchema` (https://zod.dev/json-schema). Cross-reference checks
 * (assets listed, no duplicates, cue order) are zod refinements and cannot be expressed in JSON
 * Schema: `npm run pack -- validate` does them.
 */
export const MANIFEST_SCHEMA_ID = 'https://riverside-station-kiosk.invalid/packs/manifest.schema.json';

export function manifestJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ManifestObjectSchema, { target: 'draft-2020-12', unrepresentable: 'throw', io: 'input' }) as Record<
    string,
    unknown
  >;
  return {
    $schema: schema.$schema,
    $id: MANIFEST_SCHEMA_ID,
    title: 'Riverside Station Kiosk content pack manifest',
    description: 'manifest.json of a content pack. Generated from common/pack/manifest.ts by `npm run pack:schema`; do not edit by hand.',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}

/** The file's exact text (2-space indent, trailing newline), so the test can compare it byte for byte. */
export function manifestJsonSchemaText(): string {
  return `${JSON.stringify(manifestJsonSchema(), null, 2)}\n`;
}
