import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { formatY4mHeader, openY4m, parseY4mHeader, Y4mWriter } from '../../../../../node/kiosk/smile/y4m';
import { yuv420FrameSize } from '../../../../../node/kiosk/smile/yuv420';

/** Feeds `bytes` in chunks of `size` bytes, as a slow pipe would. */
function chunked(bytes: Uint8Array, size: number): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(Buffer.from(bytes.subarray(i, i + size)));
  return Readable.from(parts);
}

async function readAll(bytes: Uint8Array, chunk = 1 << 16) {
  const video = await openY4m(chunked(bytes, chunk));
  const frames = [];
  for await (const f of video.frames) frames.push(f);
  return { header: video.header, frames };
}

function frame(width: number, height: number, seed: number) {
  return { width, height, data: Uint8Array.from({ length: yuv420FrameSize(width, height) }, (_, i) => (i * 31 + seed * 17) & 255) };
}

/** What Y4mWriter writes for these frames. */
async function written(width: number, height: number, frames: ReturnType<typeof frame>[]): Promise<Buffer> {
  const out = new PassThrough();
  const parts: Buffer[] = [];
  out.on('data', (b: Buffer) => parts.push(b));
  const writer = new Y4mWriter(out, { width, height, fps: [15, 1] });
  for (const f of frames) await writer.write(f);
  await writer.end();
  expect(writer.frames).toBe(frames.length);
  return Buffer.concat(parts);
}

describe('y4m header', () => {
  it('parses size, frame rate, colour space and range', () => {
    expect(parseY4mHeader('YUV4MPEG2 W640 H480 F30000:1001 Ip A1:1 C420mpeg2 XYSCSS=420MPEG2')).toEqual({
      width: 640,
      height: 480,
      fps: [30000, 1001],
      colorspace: '420mpeg2',
      range: 'limited',
    });
    expect(parseY4mHeader('YUV4MPEG2 W8 H6').colorspace).toBe('420jpeg'); // C omitted: 4:2:0 by the spec
    expect(parseY4mHeader('YUV4MPEG2 W8 H6 F25:1 C420jpeg XCOLORRANGE=FULL').range).toBe('full');
    expect(parseY4mHeader(formatY4mHeader({ width: 320, height: 240, fps: [12, 1] }).trimEnd())).toMatchObject({
      width: 320,
      height: 240,
      fps: [12, 1],
    });
  });

  it('rejects bad headers with a clear error', () => {
    expect(() => parseY4mHeader('RIFF....WAVEfmt ')).toThrow(/not a YUV4MPEG2 video.*expected "YUV4MPEG2"/);
    expect(() => parseY4mHeader('YUV4MPEG2 H240 F25:1')).toThrow(/missing or bad W \(width\)/);
    expect(() => parseY4mHeader('YUV4MPEG2 W320 H-5')).toThrow(/bad H \(height\)/);
    expect(() => parseY4mHeader('YUV4MPEG2 W320 H240 F25:0')).toThrow(/bad frame rate "F25:0"/);
    expect(() => parseY4mHeader('YUV4MPEG2 W320 H240 C444')).toThrow(/C444 is not supported, only 8-bit 4:2:0/);
    expect(() => parseY4mHeader('YUV4MPEG2 W320 H240 C420p10')).toThrow(/not supported/);
  });
});

describe('y4m reader and writer', () => {
  it('round-trips frames, whatever the chunking of the stream', async () => {
    const frames = [frame(6, 4, 1), frame(6, 4, 2), frame(6, 4, 3)];
    const bytes = await written(6, 4, frames);
    expect(bytes.subarray(0, 40).toString('latin1')).toBe('YUV4MPEG2 W6 H4 F15:1 Ip A1:1 C420jpeg\nFRAME\n'.slice(0, 40));
    for (const chunk of [1, 7, 1 << 16]) {
      const { header, frames: back } = await readAll(bytes, chunk);
      expect(header).toMatchObject({ width: 6, height: 4, fps: [15, 1] });
      expect(back.map((f) => Array.from(f.data))).toEqual(frames.map((f) => Array.from(f.data)));
    }
  });

  it('reads odd sizes and frame parameters after FRAME', async () => {
    const f = frame(5, 3, 9);
    const bytes = Buffer.concat([Buffer.from('YUV4MPEG2 W5 H3 F25:1 C420\nFRAME Ixyz\n'), f.data]);
    const { frames } = await readAll(bytes, 3);
    expect(frames).toHaveLength(1);
    expect(Array.from(frames[0]!.data)).toEqual(Array.from(f.data));
  });

  it('yields no frames for a header-only video', async () => {
    expect((await readAll(Buffer.from('YUV4MPEG2 W4 H4\n'))).frames).toEqual([]);
  });

  it('names the frame that is truncated or malformed', async () => {
    const bytes = await written(4, 4, [frame(4, 4, 1), frame(4, 4, 2)]);
    await expect(readAll(bytes.subarray(0, bytes.length - 5))).rejects.toThrow(/y4m frame 1 is truncated: 19 of 24 bytes/);
    const bad = Buffer.concat([Buffer.from('YUV4MPEG2 W4 H4\nFRAME\n'), frame(4, 4, 1).data, Buffer.from('JUNK\n')]);
    await expect(readAll(bad)).rejects.toThrow(/y4m frame 1: expected "FRAME", found "JUNK"/);
  });

  it('fails clearly on an empty file, a foreign file, or a header without an end', async () => {
    await expect(openY4m(chunked(new Uint8Array(0), 1))).rejects.toThrow(/the file is empty/);
    await expect(openY4m(chunked(Buffer.from('\x00\x00\x00\x18ftypmp42\n'), 4))).rejects.toThrow(/not a YUV4MPEG2 video/);
    await expect(openY4m(chunked(Buffer.alloc(5000, 65), 100))).rejects.toThrow(/y4m header: no end of line within 1024 bytes/);
    await expect(openY4m(chunked(Buffer.from('YUV4MPEG2 W4'), 4))).rejects.toThrow(/y4m header: the stream ends inside it/);
  });

  it('refuses a frame of another size than the header', async () => {
    const writer = new Y4mWriter(new PassThrough(), { width: 4, height: 4, fps: [15, 1] });
    await expect(writer.write(frame(6, 4, 1))).rejects.toThrow(/frame is 6x4, the video 4x4/);
  });
});

describe('y4m reader cleanup', () => {
  it('releases its source when the caller stops early or the header is bad', async () => {
    const bytes = await written(4, 4, [frame(4, 4, 1), frame(4, 4, 2), frame(4, 4, 3)]);
    let released = 0;
    const source = (data: Uint8Array): AsyncIterable<Uint8Array> => ({
      [Symbol.asyncIterator]() {
        const inner = chunked(data, 8)[Symbol.asyncIterator]();
        return {
          next: () => inner.next(),
          return: async () => {
            released++;
            return { done: true as const, value: undefined };
          },
        };
      },
    });
    const video = await openY4m(source(bytes));
    for await (const f of video.frames) if (f) break;
    expect(released).toBe(1);
    await expect(openY4m(source(Buffer.from('RIFF\n')))).rejects.toThrow(/not a YUV4MPEG2/);
    expect(released).toBe(2);
  });
});
