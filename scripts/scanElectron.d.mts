// Types for scanElectron.mjs (used by its tests).
export interface Finding {
  check: string;
  file: string;
  line: number;
  column: number;
  severity: string;
  confidence: string;
  manualReview: boolean;
  description: string;
}
export interface Acceptance {
  check: string;
  file: string;
  reason: string;
}
export const ACCEPTED_FILE: string;
export const REPORT_FILE: string;
export const SCANNED: string;
export function normalizeIssue(issue: unknown): Finding;
export function parseAccepted(json: unknown): Acceptance[];
export function filterFindings(
  findings: Finding[],
  accepted: Acceptance[],
): { unaccepted: Finding[]; accepted: Finding[]; stale: Acceptance[] };
export function verdict(
  findings: Finding[],
  accepted: Acceptance[],
): { ok: boolean; lines: string[]; unaccepted: Finding[]; accepted: Finding[]; stale: Acceptance[] };
export function scan(
  input: string,
  opts: { electronVersion: string },
): Promise<{ findings: Finding[]; errors: Array<{ file: string; message: string; tolerable: boolean }>; checks: number; log: string[] }>;
