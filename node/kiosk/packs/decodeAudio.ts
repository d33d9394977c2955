import { MPEGDecoder } from 'mpg123-decoder';
import { OggOpusDecoder } from 'ogg-opus-decoder';

/**
 * Decodes a pack's audio file in full and returns its duration, to prove it plays and to check the
 * subtitle cues against it. The formats are limited to what can be decoded honestly here, offline,
 * with no native module: MP3 with mpg123 and Ogg Opus with libopus, both compiled to WebAssembly by
 * the wasm-audio-decoders project (https://github.com/eshaz/wasm-audio-decoders), and WAV (PCM or
 * float), whose samples need no decoding once its RIFF structure is verified. The decoders are fed
 * 64 KiB at a time and their output is counted, not kept, so a long file does not fill memory.
 */
export interface AudioInfo {
  seconds: number;
  sampleRate: number;
}

const CHUNK = 64 * 1024;

/**
 * mpg123's WebAssembly build prints every resync to console.error; a broken file would flood the
 * kiosk's stderr. `decode` is synchronous, so silencing console.error around one call is contained.
 */
function quietly<T>(fn: () => T): T {
  const original = console.error;
  console.error = () => {};
  try {
    return fn();
  } finally {
    console.error = original;
  }
}

async function decodeMp3(bytes: Buffer): Promise<AudioInfo> {
  const decoder = new MPEGDecoder();
  await decoder.ready;
  try {
    let samples = 0;
    let sampleRate = 0;
    for (let i = 0; i < bytes.length; i += CHUNK) {
      const out = quietly(() => decoder.decode(bytes.subarray(i, i + CHUNK)));
      if (out.errors.length) throw new Error(`does not decode as MP3 (${out.errors[0]?.message ?? 'decoder error'} near byte ${i})`);
      samples += out.samplesDecoded;
      if (out.sampleRate) sampleRate = out.sampleRate;
    }
    if (!samples || !sampleRate) throw new Error('does not decode as MP3 (no audio frames)');
    return { seconds: samples / sampleRate, sampleRate };
  } finally {
    decoder.free();
  }
}

async function decodeOpus(bytes: Buffer): Promise<AudioInfo> {
  const decoder = new OggOpusDecoder();
  await decoder.ready;
  try {
    let samples = 0;
    const take = (out: { samplesDecoded: number; errors: { message: string }[] }): void => {
      if (out.errors.length) throw new Error(`does not decode as Ogg Opus (${out.errors[0]?.message ?? 'decoder error'})`);
      samples += out.samplesDecoded;
    };
    try {
      // decode() returns a promise despite the published types (src/OggOpusDecoder.js).
      for (let i = 0; i < bytes.length; i += CHUNK) take(await decoder.decode(bytes.subarray(i, i + CHUNK)));
      take(await decoder.flush());
    } catch (err) {
      const msg = (err as Error).message;
      throw new Error(msg.startsWith('does not decode') ? msg : `does not decode as Ogg Opus (${msg})`);
    }
    if (!samples) throw new Error('does not decode as Ogg Opus (no audio packets)');
    return { seconds: samples / 48000, sampleRate: 48000 };
  } finally {
    decoder.free();
  }
}

/** RIFF/WAVE per the Microsoft multimedia spec: a `fmt ` chunk (PCM 1, float 3, or extensible) and a `data` chunk. */
function decodeWav(b: Buffer): AudioInfo {
  if (b.length < 12 || b.toString('latin1', 0, 4) !== 'RIFF' || b.toString('latin1', 8, 12) !== 'WAVE')
    throw new Error('is not a RIFF/WAVE file');
  let fmt: { format: number; channels: number; sampleRate: number; blockAlign: number; bits: number } | null = null;
  let dataBytes = -1;
  let i = 12;
  while (i + 8 <= b.length) {
    const id = b.toString('latin1', i, i + 4);
    const size = b.readUInt32LE(i + 4);
    const body = i + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > b.length) throw new Error('has a truncated fmt chunk');
      fmt = {
        format: b.readUInt16LE(body),
        channels: b.readUInt16LE(body + 2),
        sampleRate: b.readUInt32LE(body + 4),
        blockAlign: b.readUInt16LE(body + 12),
        bits: b.readUInt16LE(body + 14),
      };
    } else if (id === 'data') {
      if (body + size > b.length) throw new Error(`is truncated: its data chunk declares ${size} bytes, ${b.length - body} are present`);
      dataBytes = size;
      break;
    }
    i = body + size + (size % 2);
  }
  if (!fmt) throw new Error('has no fmt chunk');
  if (dataBytes < 0) throw new Error('has no data chunk');
  if (![1, 3, 0xfffe].includes(fmt.format)) throw new Error(`uses WAV encoding ${fmt.format}; only PCM and float are accepted`);
  if (![8, 16, 24, 32].includes(fmt.bits) || fmt.channels < 1 || fmt.channels > 8)
    throw new Error(`has ${fmt.channels} channels of ${fmt.bits} bits; 1-8 channels of 8/16/24/32 bits are accepted`);
  if (fmt.sampleRate < 8000 || fmt.sampleRate > 192000) throw new Error(`has a sample rate of ${fmt.sampleRate} Hz`);
  if (fmt.blockAlign !== (fmt.channels * fmt.bits) / 8) throw new Error('has an inconsistent block alignment');
  return { seconds: dataBytes / fmt.blockAlign / fmt.sampleRate, sampleRate: fmt.sampleRate };
}

/** Throws an Error with a sentence to follow the file name when the audio is unusable. */
export async function decodeAudio(ext: string, bytes: Buffer): Promise<AudioInfo> {
  if (ext === 'mp3') return decodeMp3(bytes);
  if (ext === 'opus' || ext === 'ogg') return decodeOpus(bytes);
  if (ext === 'wav') return decodeWav(bytes);
  throw new Error(`is not an accepted audio format (.${ext})`);
}
