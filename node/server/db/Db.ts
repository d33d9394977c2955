/**
 * The server's one storage interface: parameterised SQL ($1, $2, …) and transactions. Two implementations speak the
 * same PostgreSQL dialect, so the migrations and every query are written once: PGlite (PostgreSQL compiled to wasm,
 * embedded, data in a folder) and node-postgres against a real server.
 */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
