import { closeSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { sha256OfFile } from './sha256OfFile';

export class DownloadError extends Error {
  constructor(
    readonly code: 'HTTP' | 'TOO_LARGE' | 'SHA_MISMATCH' | 'SIZE_MISMATCH',
    message: string,
  ) {
    super(message);
    this.name = 'DownloadError';
  }
}

export interface DownloadRequest {
  url: string;
  headers: Record<string, string>;
  /** The partial file: kept between attempts so the next one resumes where this one stopped. */
  partFile: string;
  size: number;
  sha256: string;
  fetch?: typeof fetch;
}

const sizeOf = (file: string): number => {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
};

/**
 * Downloads a file of known size and SHA-256 into `partFile`, resuming a partial file with `Range: bytes=N-`
 * (https://www.rfc-editor.org/rfc/rfc9110#name-range-requests). A 206 answer is appended, a 200 (a server that
 * ignores ranges) starts over; never more than `size` bytes are written. On a wrong hash the partial file is
 * deleted so the next attempt starts clean. A broken connection leaves the partial file for the next attempt.
 */
export async function downloadWithResume(req: DownloadRequest): Promise<void> {
  const doFetch = req.fetch ?? fetch;
  let have = sizeOf(req.partFile);
  if (have > req.size) {
    rmSync(req.partFile, { force: true });
    have = 0;
  }
  if (have < req.size) {
    const headers = { ...req.headers, ...(have > 0 ? { range: `bytes=${have}-` } : {}) };
    const res = await doFetch(req.url, { headers, signal: AbortSignal.timeout(10 * 60_000) });
    if (res.status !== 200 && res.status !== 206) throw new DownloadError('HTTP', `the pack download answered ${res.status}`);
    const append = res.status === 206 && have > 0;
    if (!append) have = 0;
    const fd = openSync(req.partFile, append ? 'a' : 'w', 0o600);
    let overflow = false;
    try {
      if (!res.body) throw new DownloadError('HTTP', 'the pack download had no body');
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        if (have + chunk.byteLength > req.size) {
          overflow = true;
          throw new DownloadError('TOO_LARGE', `the server sent more than the manifest's ${req.size} bytes`);
        }
        writeSync(fd, chunk);
        have += chunk.byteLength;
      }
    } finally {
      closeSync(fd);
      // Closed first: Windows cannot delete an open file.
      if (overflow) rmSync(req.partFile, { force: true });
    }
  }
  if (have !== req.size) throw new DownloadError('SIZE_MISMATCH', `the download stopped at ${have} of ${req.size} bytes`);
  const { sha256: got } = await sha256OfFile(req.partFile);
  if (got !== req.sha256) {
    rmSync(req.partFile, { force: true });
    throw new DownloadError('SHA_MISMATCH', `the downloaded pack's SHA-256 is ${got}, the manifest says ${req.sha256}`);
  }
}
