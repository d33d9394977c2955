import { z } from 'zod';

/**
 * Zod compiles fast parsers with `new Function` unless told not to, and probes for it with a caught
 * `new Function('')` that a strict CSP still reports as a violation. Set before any schema is built (main.ts imports
 * this first). https://zod.dev/packages/core#configuration
 */
z.config({ jitless: true });
