/**
 * Offline narration: each sentence is spoken by espeak-ng into its own WAV, its exact length is
 * read back (sox `soxi -D`), the sentences are joined with short pauses, and the whole is encoded
 * as mono Ogg Opus. Cue times are the running sums of the measured lengths, so the subtitles
 * match the audio by construction.
 * - espeak-ng voices: https://github.com/espeak-ng/espeak-ng/blob/master/docs/languages.md
 * - ffmpeg libopus options: https://ffmpeg.org/ffmpeg-codecs.html#libopus-1
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { speakableEn, speakableZh, splitSentences, type Lang } from './sentences';

export interface Cue {
  start: number;
  end: number;
  text: string;
}

export interface NarrationResult {
  cues: Cue[];
  /** Length of the WAV that was encoded, in seconds. */
  seconds: number;
}

/**
 * `cmn-latn-pinyin` is the Mandarin voice of espeak-ng whose dictionary entries (written in
 * pinyin) are read as pinyin; the plain `cmn` voice reads them as English letters.
 */
const VOICES: Record<Lang, { voice: string; speed: number }> = {
  zh: { voice: 'cmn-latn-pinyin', speed: 135 },
  en: { voice: 'en', speed: 140 },
};
const RATE = 22050;
const GAP_SECONDS = 0.4;
const TAIL_SECONDS = 0.5;

/**
 * espeak-ng switches to another language's voice for words its dictionary lacks, shown as
 * "(en)" in its phoneme output (-x); a Chinese narration read with English sounds is refused.
 */
function checkVoiceCovers(voice: string, spoken: string): void {
  if (!voice.startsWith('cmn')) return;
  const phonemes = execFileSync('espeak-ng', ['-v', voice, '-q', '-x', spoken], { encoding: 'utf8' });
  if (phonemes.includes('(en)')) throw new Error(`narrate: espeak-ng voice ${voice} falls back to English for "${spoken}"`);
}

/**
 * sox dithers by default when it writes 16-bit samples, with random noise: `-D` turns dither off
 * (so the pauses are true silence) and `-R` seeds anything random, so reruns give identical files
 * (https://manpages.debian.org/sox#OPTIONS).
 */
const SOX_EXACT = ['-R', '-D'];

const ms = (s: number): number => Math.round(s * 1000) / 1000;

function silence(path: string, seconds: number): void {
  execFileSync('sox', [...SOX_EXACT, '-n', '-r', String(RATE), '-c', '1', '-b', '16', path, 'trim', '0', String(seconds)]);
}

function durationOf(path: string): number {
  return Number(execFileSync('soxi', ['-D', path], { encoding: 'utf8' }).trim());
}

/** Speaks `paragraphs` (joined in order) in `lang` into `outOpus`; returns cues, one per sentence. */
export function narrate(paragraphs: string[], lang: Lang, outOpus: string): NarrationResult {
  const sentences = paragraphs.flatMap((p) => splitSentences(p, lang));
  if (!sentences.length) throw new Error(`narrate: no sentences to speak into ${outOpus}`);
  const tmp = mkdtempSync(join(tmpdir(), 'demo-pack-voice-'));
  try {
    const { voice, speed } = VOICES[lang];
    const gap = join(tmp, 'gap.wav');
    const tail = join(tmp, 'tail.wav');
    silence(gap, GAP_SECONDS);
    silence(tail, TAIL_SECONDS);
    const parts: string[] = [];
    const cues: Cue[] = [];
    let t = 0;
    sentences.forEach((text, i) => {
      const raw = join(tmp, `s${i}-raw.wav`);
      const wav = join(tmp, `s${i}.wav`);
      const spoken = lang === 'zh' ? speakableZh(text) : speakableEn(text);
      checkVoiceCovers(voice, spoken);
      execFileSync('espeak-ng', ['-v', voice, '-s', String(speed), '-w', raw, spoken]);
      // Same rate and format for every part, so sox can concatenate them sample-exactly.
      execFileSync('sox', [...SOX_EXACT, raw, '-r', String(RATE), '-c', '1', '-b', '16', wav]);
      const d = durationOf(wav);
      if (i > 0) {
        parts.push(gap);
        t += GAP_SECONDS;
      }
      parts.push(wav);
      cues.push({ start: ms(t), end: ms(t + d), text });
      t += d;
    });
    parts.push(tail);
    const joined = join(tmp, 'joined.wav');
    // Normalised to -3 dBFS: the same loudness for every track, and headroom so the Opus encoding does not clip.
    execFileSync('sox', [...SOX_EXACT, ...parts, joined, 'norm', '-3']);
    const seconds = durationOf(joined);
    // bitexact: no random Ogg serial number and no encoder version tag, so reruns give identical bytes.
    execFileSync('ffmpeg', [
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      '-i',
      joined,
      '-ac',
      '1',
      '-c:a',
      'libopus',
      '-b:a',
      '24k',
      '-application',
      'voip',
      '-fflags',
      '+bitexact',
      '-flags:a',
      '+bitexact',
      '-map_metadata',
      '-1',
      outOpus,
    ]);
    return { cues, seconds };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
