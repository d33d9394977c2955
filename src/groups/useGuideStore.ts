import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { MethodName, RequestOf, ResponseOf } from '../../common/contract';
import { kioskClient } from '../api/client';
import { callWithSession } from '../api/sessionCall';
import { useContentPackStore } from '../packs/useContentPackStore';

/** While a lesson runs, the idle reset waits at least this long, or twice the step's suggested minutes if longer. */
export const GUIDED_IDLE_MIN_SECONDS = 30 * 60;

/**
 * The guide's session and the lesson being run. Like the operator's, the token lives only in memory: a reload or
 * a crash asks for the guide PIN again. A lesson is the pack's own (`groups.lessons`); starting one logs the group
 * (`logGroupVisit`), so every lesson run is counted once with its group's size.
 */
export const useGuideStore = defineStore('guide', () => {
  const packs = useContentPackStore();
  const token = ref<string | null>(null);
  const unlocked = computed(() => token.value !== null);
  const lessonId = ref<string | null>(null);
  const stepIndex = ref(0);
  const lessons = computed(() => packs.manifest?.groups?.lessons ?? []);
  const lesson = computed(() => lessons.value.find((l) => l.id === lessonId.value) ?? null);
  const step = computed(() => lesson.value?.steps[stepIndex.value] ?? null);
  const running = computed(() => lesson.value !== null);
  /** How long the kiosk may go untouched during this step before the visit ends (GUIDED_IDLE_MIN_SECONDS). */
  /** The phone remote: the pairing link on screen (until a phone takes it or it expires), and whether a phone is paired. */
  const pairing = ref<ResponseOf<'startGuideRemote'> | null>(null);
  const phonePaired = ref(false);
  const idleSeconds = computed(() => Math.max(GUIDED_IDLE_MIN_SECONDS, (step.value?.minutes ?? 0) * 2 * 60));

  async function unlock(pin: string): Promise<void> {
    token.value = (await kioskClient().unlockGuide({ pin })).token;
  }

  /** Ends any lesson and the guide's session. */
  async function lock(): Promise<void> {
    end();
    pairing.value = null;
    phonePaired.value = false;
    const t = token.value;
    token.value = null;
    if (t)
      await kioskClient()
        .lockGuide({}, t)
        .catch(() => undefined);
  }

  /** Calls a guide channel with the token; an expired session signs the guide out. */
  const call = <M extends MethodName>(method: M, payload: RequestOf<M>): Promise<ResponseOf<M>> => callWithSession(token, method, payload);

  /** Starts a lesson of the active pack at its first step (the group is logged before, by the group form). */
  function begin(id: string): void {
    if (!lessons.value.some((l) => l.id === id)) throw new Error(`no lesson "${id}" in the active content pack`);
    lessonId.value = id;
    stepIndex.value = 0;
  }

  function go(i: number): void {
    const n = lesson.value?.steps.length ?? 0;
    if (i >= 0 && i < n) stepIndex.value = i;
  }
  const next = (): void => go(stepIndex.value + 1);
  const prev = (): void => go(stepIndex.value - 1);

  /** Shows a new pairing link for the guide's phone (any phone paired before is replaced once the new one pairs). */
  async function startRemote(): Promise<void> {
    pairing.value = await call('startGuideRemote', {});
  }

  /** Reports the lesson and step to the phone and applies the phone's commands; a no-op until a pairing was asked for. */
  async function syncRemote(): Promise<void> {
    if (!pairing.value && !phonePaired.value) return;
    const res = await call('syncGuideRemote', { lessonId: lessonId.value, stepIndex: stepIndex.value });
    if (res.paired && !phonePaired.value) pairing.value = null;
    phonePaired.value = res.paired;
    for (const c of res.commands) {
      if (c.kind === 'next') next();
      else if (c.kind === 'prev') prev();
      else go(c.step);
    }
  }

  function end(): void {
    lessonId.value = null;
    stepIndex.value = 0;
  }

  return {
    token,
    unlocked,
    lessons,
    lessonId,
    lesson,
    stepIndex,
    step,
    running,
    idleSeconds,
    pairing,
    phonePaired,
    unlock,
    lock,
    call,
    begin,
    go,
    next,
    prev,
    end,
    startRemote,
    syncRemote,
  };
});
