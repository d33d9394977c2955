import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { yuv420FrameSize, type Yuv420Frame, type YuvRange } from './yuv420';

/**
 * YUV4MPEG2 (.y4m), the raw video format of Chromium's fake camera (--use-file-for-fake-video-capture) and of
 * `ffmpeg -f yuv4mpegpipe`: one text header line, then per frame a "FRAME" line and the raw planes.
 * Format: https://wiki.multimedia.cx/index.php/YUV4MPEG2. Only 8-bit 4:2:0 is read (what both produce by default).
 * The reader streams: it holds one frame at a time, never the whole file.
 */
export interface Y4mHeader {
  width: number;
  height: number;
  /** Frame rate as a fraction (F30000:1001 is 29.97). */
  fps: [number, number];
  /** The C parameter as written (420jpeg, 420mpeg2, 420paldv, 420). */
  colorspace: string;
  range: YuvRange;
}

const magic = 'YUV4MPEG2';
const maxHeaderBytes = 1024;
const maxSide = 16384;
const supportedColorspaces = ['420jpeg', '420paldv', '420mpeg2', '420'];

export function formatY4mHeader(h: Pick<Y4mHeader, 'width' | 'height' | 'fps'>): string {
  return `${magic} W${h.width} H${h.height} F${h.fps[0]}:${h.fps[1]} Ip A1:1 C420jpeg\n`;
}

/** Parses the header line (without its newline); throws a clear error for anything the reader cannot decode. */
export function parseY4mHeader(line: string): Y4mHeader {
  const [tag, ...params] = line.split(' ').filter((p) => p.length > 0);
  if (tag !== magic)
    throw new Error(`not a YUV4MPEG2 video: the header starts with ${JSON.stringify(line.slice(0, 16))}, expected "${magic}"`);
  let width = 0;
  let height = 0;
  let fps: [number, number] = [25, 1];
  let colorspace = '420jpeg';
  let range: YuvRange = 'limited';
  for (const p of params) {
    const value = p.slice(1);
    switch (p[0]) {
      case 'W':
        width = Number(value);
        break;
      case 'H':
        height = Number(value);
        break;
      case 'F': {
        const [n, d] = value.split(':').map(Number);
        if (!(n! > 0 && d! > 0)) throw new Error(`y4m header: bad frame rate "${p}"`);
        fps = [n!, d!];
        break;
      }
      case 'C':
        colorspace = value;
        break;
      // ffmpeg writes XCOLORRANGE=FULL for full-range (yuvj420p) video.
      case 'X':
        if (value.toUpperCase() === 'COLORRANGE=FULL') range = 'full';
        break;
      default:
        break; // I (interlacing), A (aspect): irrelevant to decoding.
    }
  }
  for (const [name, v] of [
    ['W (width)', width],
    ['H (height)', height],
  ] as const) {
    if (!(Number.isInteger(v) && v > 0 && v <= maxSide)) throw new Error(`y4m header: missing or bad ${name} in "${line.slice(0, 80)}"`);
  }
  if (!supportedColorspaces.includes(colorspace))
    throw new Error(`y4m header: colour space C${colorspace} is not supported, only 8-bit 4:2:0 (C420jpeg, C420mpeg2, C420paldv, C420)`);
  return { width, height, fps, colorspace, range };
}

/** Pulls exact byte counts out of a chunked stream without re-copying the whole backlog per chunk. */
class ByteQueue {
  private chunks: Uint8Array[] = [];
  private length = 0;
  private done = false;
  constructor(private readonly source: AsyncIterator<Uint8Array | string>) {}

  private async fill(n: number): Promise<boolean> {
    while (this.length < n && !this.done) {
      const next = await this.source.next();
      if (next.done) this.done = true;
      else {
        const chunk = typeof next.value === 'string' ? Buffer.from(next.value, 'latin1') : next.value;
        this.chunks.push(chunk);
        this.length += chunk.length;
      }
    }
    return this.length >= n;
  }

  /** Up to `n` bytes (fewer only at the end of the stream). */
  async take(n: number): Promise<Uint8Array> {
    await this.fill(n);
    const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    const out = all.subarray(0, Math.min(n, all.length));
    const rest = all.subarray(out.length);
    this.chunks = rest.length ? [rest] : [];
    this.length = rest.length;
    return out;
  }

  /** Lets the source go (an ffmpeg pipe is stopped) when the reader stops early. */
  async close(): Promise<void> {
    this.done = true;
    this.chunks = [];
    this.length = 0;
    await this.source.return?.();
  }

  /** A line up to (not including) '\n', or null at the end of the stream; throws past `max` bytes. */
  async line(max: number, what: string): Promise<string | null> {
    for (let scanned = 0; ;) {
      const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
      this.chunks = all.length ? [all] : [];
      const nl = all.indexOf(0x0a, scanned);
      if (nl >= 0) return Buffer.from((await this.take(nl + 1)).subarray(0, nl)).toString('latin1');
      scanned = all.length;
      if (scanned > max) throw new Error(`${what}: no end of line within ${max} bytes`);
      if (!(await this.fill(all.length + 1))) {
        if (all.length === 0) return null;
        throw new Error(`${what}: the stream ends inside it`);
      }
    }
  }
}

export interface Y4mStream {
  header: Y4mHeader;
  /** The frames in order, one at a time; a truncated or malformed frame is an error naming its index. */
  frames: AsyncGenerator<Yuv420Frame>;
}

/** Reads the header at once (so a bad file fails before any work), then yields frames as they arrive. */
export async function openY4m(source: AsyncIterable<Uint8Array | string>): Promise<Y4mStream> {
  const queue = new ByteQueue(source[Symbol.asyncIterator]());
  let header: Y4mHeader;
  try {
    const line = await queue.line(maxHeaderBytes, 'y4m header');
    if (line === null) throw new Error('not a YUV4MPEG2 video: the file is empty');
    header = parseY4mHeader(line);
  } catch (error) {
    await queue.close();
    throw error;
  }
  const size = yuv420FrameSize(header.width, header.height);
  async function* frames(): AsyncGenerator<Yuv420Frame> {
    try {
      for (let index = 0; ; index++) {
        const tag = await queue.line(maxHeaderBytes, `y4m frame ${index} header`);
        if (tag === null) return;
        if (!tag.startsWith('FRAME')) throw new Error(`y4m frame ${index}: expected "FRAME", found ${JSON.stringify(tag.slice(0, 16))}`);
        const data = await queue.take(size);
        if (data.length < size) throw new Error(`y4m frame ${index} is truncated: ${data.length} of ${size} bytes`);
        // A copy, so the frame does not pin the chunk it was cut from.
        yield { width: header.width, height: header.height, data: Uint8Array.from(data) };
      }
    } finally {
      await queue.close(); // also when the caller stops early (break, or an error while counting)
    }
  }
  return { header, frames: frames() };
}

/** Writes a y4m stream frame by frame, honouring back-pressure. */
export class Y4mWriter {
  private frameCount = 0;
  constructor(
    private readonly out: Writable,
    readonly header: Pick<Y4mHeader, 'width' | 'height' | 'fps'>,
  ) {
    out.write(formatY4mHeader(header), 'latin1');
  }

  get frames(): number {
    return this.frameCount;
  }

  async write(frame: Yuv420Frame): Promise<void> {
    if (frame.width !== this.header.width || frame.height !== this.header.height)
      throw new Error(`frame is ${frame.width}x${frame.height}, the video ${this.header.width}x${this.header.height}`);
    this.out.write('FRAME\n', 'latin1');
    if (!this.out.write(frame.data)) await once(this.out, 'drain');
    this.frameCount++;
  }

  /** Ends the stream and waits until it is flushed (for a file: closed). */
  async end(): Promise<void> {
    const finished = once(this.out, 'finish');
    this.out.end();
    await finished;
  }
}
