import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { atomicWriteFile } from './atomicWrite';

/**
 * `<dataDir>/packs/active.json`: which stored pack is active and which one a rollback returns to.
 * Values are folder names under `store/`, or BUILTIN for the demo pack shipped with the app.
 * The file is the single switch of an install: it changes atomically (atomicWriteFile), so after a
 * crash the kiosk finds either the old pointer or the new one.
 */
export const BUILTIN = 'builtin';

export const PackPointerSchema = z.object({
  schema: z.literal(1),
  active: z.string().nullable(),
  previous: z.string().nullable(),
  /** Bumped on every switch, so a running kiosk (or another process's install) is noticed. */
  revision: z.number().int().min(0),
});
export type PackPointer = z.infer<typeof PackPointerSchema>;

export const EMPTY_POINTER: PackPointer = { schema: 1, active: null, previous: null, revision: 0 };

/** The pointer on disk; EMPTY_POINTER when missing; null when present but unreadable (the caller logs it). */
export function readPointer(file: string): PackPointer | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return EMPTY_POINTER;
  }
  try {
    return PackPointerSchema.parse(JSON.parse(text));
  } catch {
    return null;
  }
}

export function writePointer(file: string, pointer: PackPointer): void {
  atomicWriteFile(file, `${JSON.stringify(PackPointerSchema.parse(pointer), null, 2)}\n`);
}
