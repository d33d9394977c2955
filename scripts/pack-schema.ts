// Writes resources/packs/manifest.schema.json from the zod schema (`npm run pack:schema`).
// tests/unit/common/pack/manifestJsonSchema.test.ts fails when the committed file is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { manifestJsonSchemaText } from '../common/pack/manifestJsonSchema';

const out = fileURLToPath(new URL('../resources/packs/manifest.schema.json', import.meta.url));
writeFileSync(out, manifestJsonSchemaText());
console.log(`wrote ${out}`);
