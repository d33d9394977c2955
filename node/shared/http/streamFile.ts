import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';

/**
 * Streams a file, or the bytes `start`..`end` of it, into a response whose head is already written. Through
 * `pipeline` (https://nodejs.org/api/stream.html#streampipelinesource-transforms-destination-callback), not `pipe`:
 * when the client goes away mid-file (a visitor leaving mid-narration, an image whose screen closed), `pipe` only
 * unpipes and leaves the file open for the life of the process, one descriptor per aborted request, until the process
 * runs out of them; `pipeline` destroys the file stream, and a read error ends the response instead of hanging it.
 */
export function streamFile(res: ServerResponse, file: string, range?: { start: number; end: number }): void {
  pipeline(createReadStream(file, range), res, () => undefined);
}
