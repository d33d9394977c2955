import { SmileSettingsSchema, type SmileSettings } from '../../../../common/smileSettings';

/**
 * Validation of the operator's smile-meter form against the same zod schema the services use
 * (common/smileSettings.ts), with each problem keyed by the form field it belongs to so that the
 * message shows next to that field: `sampleFps`, `threshold`..., or `cameras.<role>.<field>` (`roi`,
 * `source`, `minFaceSize`...) for a camera role.
 */
export type FieldErrors = Record<string, string>;

/** The form field a JSON path (`cameras.entry.roi.width`, `value.threshold`) belongs to. */
export function fieldOf(path: readonly (string | number)[]): string {
  const p = path[0] === 'value' ? path.slice(1) : path;
  if (p[0] === 'cameras') return p.slice(0, 3).map(String).join('.');
  return p.length ? String(p[0]) : '(form)';
}

/** The first message per field (a field with several problems shows the first). */
export function fieldErrorsOf(issues: readonly { path: readonly (string | number)[]; message: string }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const i of issues) out[fieldOf(i.path)] ??= i.message;
  return out;
}

/** The contract's issue paths are text (`value.cameras.entry.roi`, `value.cameras[0]`): back to segments. */
export function splitIssuePath(path: string): (string | number)[] {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((s) => s !== '' && s !== '(root)')
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

export function validateSmileDraft(draft: unknown): { ok: true; value: SmileSettings } | { ok: false; errors: FieldErrors } {
  const r = SmileSettingsSchema.safeParse(draft);
  if (r.success) return { ok: true, value: r.data };
  return {
    ok: false,
    errors: fieldErrorsOf(
      r.error.issues.map((i) => ({ path: i.path.filter((k): k is string | number => typeof k !== 'symbol'), message: i.message })),
    ),
  };
}
