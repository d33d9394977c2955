import { computed, ref } from 'vue';
import type { z } from 'zod';
import { KioskError, type KioskErrorData } from '../../../common/contract';
import type { ExhibitConfigKey } from '../../../common/exhibitConfig';
import type { useOperatorStore } from '../../stores/useOperatorStore';

/**
 * The typed error of a failed call. The client throws KioskError for every refusal the services
 * answer; anything else (a broken connection, a bug) is reported as INTERNAL with its own message, so
 * a screen always has a message to show and never a bare "undefined".
 */
export function kioskErrorOf(err: unknown): KioskErrorData {
  if (err instanceof KioskError) return err.data;
  return { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
}

/** The error's own message followed by each field problem (`path: message`), for screens without per-field errors. */
export function kioskErrorText(error: KioskErrorData): string {
  return [error.message, ...(error.issues ?? []).map((i) => `${i.path}: ${i.message}`)].join('; ');
}

/**
 * An exhibit's stored setting for its operator screen, or `fallback` when what is stored no longer fits `schema`
 * (written by an older version): the screen then shows the defaults, and saving replaces the old value.
 */
export async function loadExhibitSetting<T>(
  operator: Pick<ReturnType<typeof useOperatorStore>, 'call'>,
  key: ExhibitConfigKey,
  schema: z.ZodType<T>,
  fallback: T,
): Promise<T> {
  const res = await operator.call('getExhibitConfig', { key });
  const parsed = schema.safeParse(res.value);
  return parsed.success ? parsed.data : fallback;
}

export type ActionResult<T> = { ok: true; value: T } | { ok: false; error: KioskErrorData };

/**
 * One operator action at a time on a screen: `busy` (or `running`, which one) while it runs, so the
 * screen disables its buttons; `error`, the typed error of the last failure; `saved`, whether the last
 * action succeeded. Each screen still words its own messages: the operator sees the same texts as before.
 */
export function useOperatorAction<K extends string = 'action'>() {
  const running = ref<K | null>(null);
  const busy = computed(() => running.value !== null);
  const error = ref<KioskErrorData | null>(null);
  const saved = ref(false);

  /** Runs `action` and answers its value or its typed error; the screen's `busy` holds while it runs. */
  async function run<T>(action: () => Promise<T>, what?: K): Promise<ActionResult<T>> {
    running.value = what ?? ('action' as K);
    try {
      const value = await action();
      error.value = null;
      saved.value = true;
      return { ok: true, value };
    } catch (err) {
      error.value = kioskErrorOf(err);
      saved.value = false;
      return { ok: false, error: error.value };
    } finally {
      running.value = null;
    }
  }

  return { running, busy, error, saved, run };
}
