/**
 * Does a file's content match its extension? Checked on the first bytes for binary formats
 * (signatures from https://www.garykessler.net/library/file_sigs.html and each format's spec) and
 * on the whole content for text formats (which are small: PACK_LIMITS caps them at 1 MiB).
 * Full decoding of images and audio happens later, in validatePack.
 */

/** How many leading bytes `sniffContent` needs for binary formats. */
export const SNIFF_BYTES = 64;
const TEXT_EXTENSIONS = new Set(['json', 'vtt', 'txt']);

export function needsFullContent(ext: string): boolean {
  return TEXT_EXTENSIONS.has(ext);
}

const ascii = (b: Uint8Array, at: number, s: string): boolean => {
  if (b.length < at + s.length) return false;
  for (let i = 0; i < s.length; i++) if (b[at + i] !== s.charCodeAt(i)) return false;
  return true;
};

function decodeUtf8(b: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(b);
  } catch {
    return null;
  }
}

/**
 * Returns why `content` is not a valid `ext` file, or null when it is. For text formats `content`
 * must be the whole file; for the others the first SNIFF_BYTES bytes are enough.
 */
export function sniffContent(ext: string, content: Uint8Array): string | null {
  const b = content;
  switch (ext) {
    case 'png':
      return ascii(b, 0, '\x89PNG\r\n\x1a\n') ? null : 'is not a PNG image (wrong signature)';
    case 'jpg':
    case 'jpeg':
      return b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff ? null : 'is not a JPEG image (wrong signature)';
    case 'mp3': {
      const frameSync = b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0 && ((b[1] ?? 0) & 0x06) !== 0;
      return ascii(b, 0, 'ID3') || frameSync ? null : 'is not an MP3 file (no ID3 tag or MPEG frame at the start)';
    }
    case 'ogg':
    case 'opus':
      if (!ascii(b, 0, 'OggS')) return 'is not an Ogg file (wrong signature)';
      return ascii(b, 28, 'OpusHead') ? null : 'is an Ogg file but not Ogg Opus (only Opus audio is accepted)';
    case 'wav':
      return ascii(b, 0, 'RIFF') && ascii(b, 8, 'WAVE') ? null : 'is not a WAV file (no RIFF/WAVE header)';
    case 'webm':
      return b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3 ? null : 'is not a WebM video (no EBML header)';
    case 'mp4':
      return ascii(b, 4, 'ftyp') ? null : 'is not an MP4 video (no ftyp box)';
    case 'json': {
      const text = decodeUtf8(b);
      if (text === null) return 'is not valid UTF-8';
      try {
        JSON.parse(text.replace(/^\uFEFF/, ''));
        return null;
      } catch (err) {
        return `is not valid JSON (${(err as Error).message})`;
      }
    }
    case 'vtt': {
      const text = decodeUtf8(b);
      if (text === null) return 'is not valid UTF-8';
      return /^\uFEFF?WEBVTT(?:[ \t]|\r?\n|$)/.test(text) ? null : 'is not a WebVTT file (must start with "WEBVTT")';
    }
    case 'txt': {
      const text = decodeUtf8(b);
      if (text === null) return 'is not valid UTF-8';
      return text.includes('\0') ? 'is not a text file (contains NUL bytes)' : null;
    }
    default:
      return `has an extension that packs do not accept (.${ext})`;
  }
}

/** Why a manifest.json's bytes are unacceptable (too big, not UTF-8, not JSON), or null. */
export function manifestBytesProblem(content: Uint8Array, maxBytes: number): string | null {
  if (content.length > maxBytes) return `is ${content.length} bytes; a manifest may have at most ${maxBytes}`;
  const text = decodeUtf8(content);
  if (text === null) return 'is not valid UTF-8 (save it as UTF-8)';
  try {
    JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return `is not valid JSON (${(err as Error).message})`;
  }
  return null;
}
