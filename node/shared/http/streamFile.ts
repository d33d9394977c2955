import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';

/**
 * Streams a file, or the bytes `start`..`end` of it, into a response whose head is already written. Through
 * `pipeline` (https://nodejs.org/api/stream.html#streampipelinesource-transforms-destination-callback), not `pipe`:
 * when the client goes away mid-file (a visitor leaving mid-narration, an image whose screen closed), `pipe` only
 * unpipes and leaves the file open for the life of the process, one descriptor per aborted request, until the process
 * runs out of them; `pipeline` destroys the file stream, and a read error ends the response instead of hanging it.
 *
 * A client going away is routine and stays quiet (the pipeline ends with ERR_STREAM_PREMATURE_CLOSE). Any other
 * end in error is the file's (a disk error, the file removed or made unreadable after its head was sent): the client
 * only sees a cut-off response, so `onReadError` is the one place it is seen, and callers log it.
 */
export function streamFile(
  res: ServerResponse,
  file: string,
  onReadError: (err: NodeJS.ErrnoException) => void,
  range?: { start: number; end: number },
): void {
  pipeline(createReadStream(file, range), res, (err) => {
    if (err && (err as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') onReadError(err);
  });
}
