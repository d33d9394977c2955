import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef, watch } from 'vue';
import { KioskError } from '../../../common/contract';
import { HOURLY_LIMIT_REASON } from '../../../common/postcardContract';
import { EXHIBIT_CONFIG } from '../../../common/exhibitConfig';
import { FULL_WINDOW } from '../../../common/pack/postcardSection';
import type { PostcardLinkView, PrintJobView } from '../../../common/postcardContract';
import { PostcardSettingsSchema, type PostcardSettings } from '../../../common/postcardSettings';
import { localDateOf } from '../../../common/time';
import { kioskClient } from '../../api/client';
import { useContentPackStore } from '../../packs/useContentPackStore';
import { onSessionReset } from '../../shell/sessionReset';
import { useKioskStore } from '../../stores/useKioskStore';
import { useLanguageStore } from '../../stores/useLanguageStore';
import { composeInWorker } from './compose/composeClient';
import { INK_COLORS, INK_WIDTHS, StrokeModel, type InkWidth } from './ink/strokes';

export type PostcardStep = 'start' | 'consent' | 'camera' | 'scenes' | 'frames' | 'write' | 'preview' | 'takeaway' | 'printing' | 'thanks';
export type PictureSource = { kind: 'photo'; bitmap: ImageBitmap; url: string } | { kind: 'scene'; sceneId: string };
/** Why a print did not happen, in words a visitor understands (see messages.ts). */
export type PrintProblem = 'paper_out' | 'printer_offline' | 'other' | 'card_expired' | 'interrupted' | 'limit' | 'hourly_limit';

/** The service refused because this kiosk's cards or prints for the hour are used up (postcardService hourlyLimits). */
const isHourlyLimit = (err: unknown): boolean => err instanceof KioskError && err.data.reason === HOURLY_LIMIT_REASON;
/** What the print button can do: print ('ok'), nothing more for this card ('none'), or printing is off on this kiosk ('off'). */
export type PrintAllowance = 'ok' | 'none' | 'off';

/** How often the visitor's screen asks about a print job. */
export const PRINT_POLL_MS = 1000;

/**
 * The postcard exhibit's visitor flow (留影滨江): start -> consent -> photo or scene -> frame ->
 * handwriting -> preview -> take away by QR or print -> thanks. Nothing leaves this store until the
 * visitor picks QR or print (savePostcard; the services count `postcard.made` there, so this store
 * does not). An idle reset at any step discards the card: the photo, the strokes, the composed image.
 * Frames, scenes and the postmark come from the active pack's `postcard` section.
 */
export const usePostcardStore = defineStore('postcard', () => {
  const packs = useContentPackStore();
  const kiosk = useKioskStore();
  const language = useLanguageStore();

  const section = computed(() => packs.manifest?.postcard ?? null);
  const frames = computed(() => section.value?.frames ?? []);
  const scenes = computed(() => section.value?.scenes ?? []);
  const settings = shallowRef<PostcardSettings>(structuredClone(EXHIBIT_CONFIG.postcard.default));

  const step = ref<PostcardStep>('start');
  const source = shallowRef<PictureSource | null>(null);
  const frameId = ref<string | null>(null);
  const frame = computed(() => frames.value.find((f) => f.id === frameId.value) ?? frames.value[0] ?? null);
  const ink = markRaw(new StrokeModel());
  /** Bumped on every change of `ink`, which is not reactive (points arrive many times a frame). */
  const inkVersion = ref(0);
  const color = ref<string>(INK_COLORS[0]);
  const width = ref<InkWidth>('medium');

  const card = shallowRef<{ blob: Blob; url: string; ms: number } | null>(null);
  const composing = ref(false);
  const reservation = shallowRef<PostcardLinkView | null>(null);
  const link = shallowRef<PostcardLinkView | null>(null);
  const job = shallowRef<PrintJobView | null>(null);
  const printProblem = ref<PrintProblem | null>(null);
  /** The service's latest count of prints this card has left (every link and job answer carries it); null before the first answer. */
  const serverPrintsLeft = ref<number | null>(null);
  /** The service refused printing as turned off (the setting changed after this screen loaded it). */
  const printRefused = ref(false);
  const busy = ref(false);
  const error = ref<string | null>(null);
  /** The card could not be saved because this hour's cards are made: the screen says so kindly, not "failed". */
  const hourlyLimit = ref(false);
  /** Bumped by reset(): an answer that arrives for an abandoned card is dropped, never saved or shown. */
  let session = 0;
  let pollTimer: ReturnType<typeof setTimeout> | undefined;

  const canTakeAway = computed(() => settings.value.takeaway.enabled);
  /** Before the card has a link, the limit itself (from the service's settings); then only what the service answers. */
  const printsLeft = computed(() => serverPrintsLeft.value ?? settings.value.printLimit);
  const printAllowance = computed<PrintAllowance>(() => {
    if (printRefused.value || settings.value.printLimit <= 0) return 'off';
    return printsLeft.value > 0 ? 'ok' : 'none';
  });
  const canPrint = computed(() => printAllowance.value === 'ok');

  function noteJob(j: PrintJobView): void {
    // A visitor's job always has a card; null means the card is gone (expired): nothing more to print.
    serverPrintsLeft.value = j.printsLeft ?? 0;
  }

  async function loadSettings(): Promise<void> {
    try {
      const res = await kioskClient().getExhibitConfig({ key: 'postcard' });
      settings.value = PostcardSettingsSchema.parse(res.value);
    } catch (err) {
      console.warn(`postcard settings not loaded, using the defaults: ${(err as Error).message}`);
    }
  }

  function go(s: PostcardStep): void {
    error.value = null;
    step.value = s;
  }

  function dropSource(): void {
    const s = source.value;
    if (s?.kind === 'photo') {
      s.bitmap.close();
      URL.revokeObjectURL(s.url);
    }
    source.value = null;
  }

  function dropCard(): void {
    if (card.value) URL.revokeObjectURL(card.value.url);
    card.value = null;
  }

  function setPhoto(bitmap: ImageBitmap, url: string): void {
    dropSource();
    source.value = { kind: 'photo', bitmap: markRaw(bitmap), url };
    go('frames');
  }

  function pickScene(id: string): void {
    if (!scenes.value.some((s) => s.id === id)) return;
    dropSource();
    source.value = { kind: 'scene', sceneId: id };
    go('frames');
  }

  function pickFrame(id: string): void {
    if (frames.value.some((f) => f.id === id)) frameId.value = id;
  }

  function touchInk(): void {
    inkVersion.value++;
  }
  function undo(): void {
    if (ink.undo()) touchInk();
  }
  function clearInk(): void {
    ink.clear();
    touchInk();
  }

  function postmarkDate(): string {
    const tz = kiosk.state?.timeZone ?? 'Asia/Shanghai';
    return localDateOf(Date.now(), tz).replaceAll('-', '.');
  }

  /** "Done" on the handwriting step: reserve the link (for the QR on the card) and compose in the worker. */
  async function finish(): Promise<void> {
    const f = frame.value;
    const src = source.value;
    if (!f || !src || composing.value) return;
    const mine = session;
    go('preview');
    dropCard();
    composing.value = true;
    try {
      if (canTakeAway.value && !reservation.value) {
        // Without a reserved link the card is still made, just without the QR code printed on it.
        const r = await kioskClient()
          .reservePostcard({})
          .catch((err: unknown) => (console.warn(`no QR on the card: ${(err as Error).message}`), null));
        if (mine !== session) return;
        reservation.value = r;
        if (r) serverPrintsLeft.value = r.printsLeft;
      }
      const qr = reservation.value?.url ? (reservation.value.qrPngDataUrl?.replace(/^data:image\/png;base64,/, '') ?? null) : null;
      const picture =
        src.kind === 'photo'
          ? await createImageBitmap(src.bitmap)
          : packs.assetUrl(scenes.value.find((s) => s.id === src.sceneId)!.picture);
      const station = section.value?.postmark.station[language.current] ?? '';
      const out = await composeInWorker({
        picture: typeof picture === 'string' ? new URL(picture, document.baseURI).href : picture,
        mirror: src.kind === 'photo',
        overlay: new URL(packs.assetUrl(f.overlay), document.baseURI).href,
        window: f.window ?? FULL_WINDOW,
        strokes: ink.snapshot(),
        postmark: { station, date: postmarkDate() },
        qrPngBase64: qr,
        mime: 'image/jpeg',
        quality: 0.9,
      });
      if (mine !== session) return;
      card.value = { blob: out.blob, url: URL.createObjectURL(out.blob), ms: out.ms };
    } catch (err) {
      if (mine === session) error.value = (err as Error).message;
    } finally {
      if (mine === session) composing.value = false;
    }
  }

  async function blobBase64(blob: Blob): Promise<string> {
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let bin = '';
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(bin);
  }

  /** Saves the card once (QR and print share it). */
  async function save(): Promise<PostcardLinkView | null> {
    if (link.value) return link.value;
    const c = card.value;
    if (!c) return null;
    const mine = session;
    const saved = await kioskClient().savePostcard({
      imageBase64: await blobBase64(c.blob),
      mime: 'image/jpeg',
      token: reservation.value?.token,
    });
    if (mine !== session) return null;
    link.value = saved;
    serverPrintsLeft.value = saved.printsLeft;
    return saved;
  }

  async function takeAway(): Promise<void> {
    if (busy.value) return;
    busy.value = true;
    try {
      if (await save()) go('takeaway');
    } catch (err) {
      if (isHourlyLimit(err)) hourlyLimit.value = true;
      else error.value = (err as Error).message;
    } finally {
      busy.value = false;
    }
  }

  async function print(): Promise<void> {
    if (busy.value || !canPrint.value) return;
    busy.value = true;
    const mine = session;
    printProblem.value = null;
    try {
      const saved = await save();
      if (!saved || mine !== session) return;
      const queued = await kioskClient().printPostcard({ token: saved.token });
      if (mine !== session) return;
      job.value = queued;
      noteJob(queued);
      go('printing');
      schedulePoll(mine);
    } catch (err) {
      if (mine !== session) return;
      const code = err instanceof KioskError ? err.code : null;
      if (isHourlyLimit(err)) {
        // Saving or printing is paused for this hour; the card itself is fine (take it by QR if it was saved).
        if (link.value) {
          printProblem.value = 'hourly_limit';
          go('printing');
        } else hourlyLimit.value = true;
      } else if (code === 'CONFLICT') {
        // The service says the limit is reached: show that, not our own count.
        serverPrintsLeft.value = 0;
        printProblem.value = 'limit';
        go('printing');
      } else if (code === 'FORBIDDEN') printRefused.value = true;
      else if (code === 'NOT_FOUND' && link.value) {
        serverPrintsLeft.value = 0;
        printProblem.value = 'card_expired';
        go('printing');
      } else error.value = (err as Error).message;
    } finally {
      busy.value = false;
    }
  }

  function schedulePoll(mine: number): void {
    clearTimeout(pollTimer);
    pollTimer = setTimeout(() => void poll(mine), PRINT_POLL_MS);
  }

  async function poll(mine: number): Promise<void> {
    const j = job.value;
    if (!j || mine !== session) return;
    try {
      const next = await kioskClient().getPrintStatus({ jobId: j.id });
      if (mine !== session) return;
      job.value = next;
      noteJob(next);
      if (next.status === 'failed') printProblem.value = next.reason ?? 'other';
      if (next.status === 'queued' || next.status === 'printing') schedulePoll(mine);
    } catch (err) {
      if (mine !== session) return;
      printProblem.value = 'other';
      error.value = (err as Error).message;
    }
  }

  /** Back one step (only before the card is saved: a saved card is not edited any more). */
  function back(): void {
    const s = step.value;
    if (s === 'consent') go('start');
    else if (s === 'camera' || s === 'scenes') go('consent');
    else if (s === 'frames') go(source.value?.kind === 'photo' ? 'camera' : 'scenes');
    else if (s === 'write') go('frames');
    else if (s === 'preview' && !link.value && !composing.value) go('write');
    else if (s === 'takeaway' || s === 'printing') go('preview');
  }

  /** A new visitor, an idle timeout or leaving the exhibit: the unfinished card is discarded, nothing saved. */
  function reset(): void {
    session++;
    clearTimeout(pollTimer);
    dropSource();
    dropCard();
    ink.clear();
    touchInk();
    frameId.value = null;
    reservation.value = null;
    link.value = null;
    job.value = null;
    printProblem.value = null;
    serverPrintsLeft.value = null;
    printRefused.value = false;
    hourlyLimit.value = false;
    composing.value = false;
    busy.value = false;
    step.value = 'start';
    error.value = null;
  }
  onSessionReset(reset);
  // A new pack (applied only at the attract screen) invalidates frame and scene ids.
  watch(() => packs.key, reset);

  return {
    section,
    frames,
    scenes,
    settings,
    step,
    source,
    frameId,
    frame,
    ink,
    inkVersion,
    color,
    width,
    card,
    composing,
    reservation,
    link,
    job,
    printProblem,
    busy,
    error,
    hourlyLimit,
    canTakeAway,
    canPrint,
    printsLeft,
    printAllowance,
    widths: INK_WIDTHS,
    loadSettings,
    go,
    setPhoto,
    pickScene,
    pickFrame,
    touchInk,
    undo,
    clearInk,
    finish,
    takeAway,
    print,
    back,
    reset,
  };
});
