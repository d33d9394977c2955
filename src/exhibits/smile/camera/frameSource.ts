import type { SmileSourceKind } from '../../../../common/smileStatus';

/**
 * Where a camera role's frames come from: a camera (getUserMedia) or a looped video file, both played into a video
 * element that is never attached to the page (nothing is shown; the operator's live preview is elsewhere). The
 * runner grabs frames from `video`; `lost` settles when the source ends (camera unplugged, track ended, video error).
 */
export interface FrameSource {
  kind: SmileSourceKind;
  video: HTMLVideoElement;
  /** Camera label or video file name, for status and health. */
  label: string;
  deviceId: string | null;
  /** Resolves with the reason when the source stops delivering. */
  lost: Promise<string>;
  /**
   * Video files only: shows the frame at `seconds` of the file (looped) and resolves when it is there. The runner
   * then steps through the file at its sampling rate instead of letting it play in real time, so a busy CPU counts
   * every sampled frame later rather than fewer of them: the counts of a file do not depend on the machine.
   */
  stepTo?(seconds: number): Promise<void>;
  close(): void;
}

/** No camera matches (none plugged in, or the chosen one is gone): retried, reported as missing. */
export class CameraMissingError extends Error {}

export interface CameraChoice {
  deviceId: string | null;
  label: string | null;
}

async function videoInputs(): Promise<MediaDeviceInfo[]> {
  if (!navigator.mediaDevices?.enumerateDevices) throw new CameraMissingError('no camera found: this browser has no media devices');
  return (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput');
}

/** Whether any video input exists at all (the demo fallback's condition). */
export async function hasAnyCamera(): Promise<boolean> {
  try {
    return (await videoInputs()).length > 0;
  } catch {
    return false;
  }
}

/**
 * Finds the chosen camera by id, or by label when the id changed (re-plugged, new profile); an unconfigured choice
 * (both null) takes the first camera not in `exclude` (the other role's chosen one), or the second when both roles
 * are unconfigured (`unconfiguredIndex` 1 for the exit): one camera is never counted as both entry and exit.
 */
export async function openCamera(choice: CameraChoice, exclude: readonly string[], unconfiguredIndex = 0): Promise<FrameSource> {
  let devices = await videoInputs();
  if (devices.length === 0) throw new CameraMissingError('no camera found');
  if (devices.every((d) => !d.deviceId)) {
    // Ids and labels are hidden until the page has camera access once: ask, then look again.
    (await navigator.mediaDevices.getUserMedia({ video: true, audio: false })).getTracks().forEach((t) => t.stop());
    devices = await videoInputs();
  }
  const unconfigured = choice.deviceId === null && choice.label === null;
  const device =
    devices.find((d) => choice.deviceId !== null && d.deviceId === choice.deviceId) ??
    devices.find((d) => choice.label !== null && d.label === choice.label) ??
    (unconfigured ? devices.filter((d) => !exclude.includes(d.deviceId))[unconfiguredIndex] : undefined);
  if (!device)
    throw new CameraMissingError(
      unconfigured ? 'no free camera found (the other role uses the only one)' : `camera "${choice.label ?? choice.deviceId}" not found`,
    );
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: false,
    video: { deviceId: { exact: device.deviceId }, width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 30 } },
  });
  const track = stream.getVideoTracks()[0];
  if (!track) throw new CameraMissingError(`camera "${device.label}" delivered no video`);
  const video = makeVideo();
  video.srcObject = stream;
  const lost = new Promise<string>((resolve) => {
    track.addEventListener('ended', () => resolve(`camera "${device.label}" ended (unplugged or taken away)`), { once: true });
  });
  const close = () => {
    stream.getTracks().forEach((t) => t.stop());
    video.srcObject = null;
  };
  try {
    await video.play();
  } catch (error) {
    close();
    throw error;
  }
  return { kind: 'camera', video, label: device.label || device.deviceId.slice(0, 12), deviceId: device.deviceId, lost, close };
}

/** A video file, looped: a pack path or an app-relative URL (same origin; the CSP allows nothing else). */
export async function openVideo(url: string, kind: SmileSourceKind): Promise<FrameSource> {
  const video = makeVideo();
  video.loop = true;
  const lost = new Promise<string>((resolve) => {
    video.addEventListener(
      'error',
      () => resolve(`video ${fileName(url)} could not be played (${video.error?.message || `code ${video.error?.code ?? '?'}`})`),
      { once: true },
    );
  });
  video.src = url;
  const close = () => {
    video.pause();
    video.removeAttribute('src');
    video.load();
  };
  try {
    await Promise.race([video.play(), lost.then((reason) => Promise.reject(new Error(reason)))]);
  } catch (error) {
    close();
    throw error;
  }
  // Played once to know it decodes; from now on the runner moves it (stepTo) and it stays paused in between.
  video.pause();
  return { kind, video, label: fileName(url), deviceId: null, lost, close, stepTo: (seconds) => seekVideo(video, seconds) };
}

/**
 * Seeks to `seconds` (modulo the duration: the file loops) and resolves on `seeked`
 * (https://html.spec.whatwg.org/multipage/media.html#seeking), or after `timeoutMs` so that a seek that never ends
 * shows up as a frozen source rather than a stuck runner. A file without a known duration is played instead.
 */
export function seekVideo(video: HTMLVideoElement, seconds: number, timeoutMs = 10_000): Promise<void> {
  if (!Number.isFinite(video.duration) || video.duration <= 0) {
    if (video.paused) void video.play().catch(() => undefined);
    return Promise.resolve();
  }
  const target = seconds % video.duration;
  if (video.currentTime === target && !video.seeking) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      video.removeEventListener('seeked', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    video.addEventListener('seeked', done);
    // A seek to this very place still under way (the last one outlasted the timeout): wait for it, do not restart it.
    if (!(video.seeking && video.currentTime === target)) video.currentTime = target;
  });
}

function makeVideo(): HTMLVideoElement {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.autoplay = true;
  return video;
}

function fileName(url: string): string {
  return decodeURIComponent(url.split('?')[0]!.split('/').pop() ?? url);
}
