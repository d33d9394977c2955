import { z } from 'zod';

/**
 * Zod compiles fast parsers with `new Function` unless told not to, and probes for it with a
 * caught `new Function('')` that a strict CSP (no 'unsafe-eval') still reports as a violation.
 * `jitless` must be set before any schema is built, so main.ts imports this module first.
 * https://zod.dev/packages/core#configuration
 */
z.config({ jitless: true });
