import { resolve } from 'node:path';
import { z } from 'zod';

/** The server's settings, from the environment (flags of `serve` override them). */
export const ServerConfigSchema = z.object({
  /** postgres://… : use that PostgreSQL; unset: PGlite in `dataDir`. */
  databaseUrl: z.string().url().nullable(),
  dataDir: z.string().min(1),
  host: z.string().min(1),
  port: z.coerce.number().int().min(0).max(65535),
  /** The URL kiosks upload to (the TLS proxy's), written into provisioning files. */
  publicUrl: z.string().url().nullable(),
});
export type ServerConfig = z.infer<typeof ServerConfigSchema>;

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return ServerConfigSchema.parse({
    databaseUrl: env.DATABASE_URL || null,
    dataDir: resolve(env.SERVER_DATA_DIR || 'server-data'),
    host: env.SERVER_HOST || '127.0.0.1',
    port: env.SERVER_PORT || '8787',
    publicUrl: env.SERVER_PUBLIC_URL || null,
  });
}
