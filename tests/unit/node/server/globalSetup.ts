import type { TestProject } from 'vitest/node';
import { pgliteTemplateFile } from '../../../fixtures/server/pgliteTemplate';
import { startThrowawayPostgres } from '../../../fixtures/server/throwawayPostgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A throwaway PostgreSQL cluster's URL, or null when PostgreSQL is not installed (outside CI only). */
    pgUrl: string | null;
    pgliteTemplate: string;
  }
}

/**
 * The server's suites run twice: on embedded PGlite and on a real PostgreSQL cluster started here for the run.
 * In CI a missing PostgreSQL is a failure, never a silent skip.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  project.provide('pgliteTemplate', await pgliteTemplateFile());
  const pg = await startThrowawayPostgres();
  if (!pg) {
    const msg =
      'PostgreSQL (initdb, pg_ctl) not found on PATH or in /usr/lib/postgresql/*/bin: install Debian\'s "postgresql" package (.ci/run does)';
    if (process.env.CI === 'true') throw new Error(msg);
    process.stderr.write(`server tests: ${msg}; the PostgreSQL half is skipped\n`);
    project.provide('pgUrl', null);
    return () => undefined;
  }
  project.provide('pgUrl', pg.url);
  return () => pg.stop();
}
