import { PostcardSettingsSchema, type PostcardSettings } from '../../../../common/postcardSettings';

/**
 * The operator's postcard form: the settings as editable fields (the public base URL as text, empty
 * for "none") and their validation against the same zod schema the services use
 * (common/postcardSettings.ts), each problem keyed by its field (`takeaway.port`, `pageSize.widthMm`,
 * `expiryHours`...) so the message shows next to it.
 */
export type FieldErrors = Record<string, string>;

export interface PostcardDraft {
  takeaway: { enabled: boolean; interface: string; port: number; publicBaseUrl: string };
  expiryHours: number;
  printLimit: number;
  printerName: string;
  pageSize: { widthMm: number; heightMm: number };
}

/** A plain deep copy: the form's draft is a Vue proxy, which structuredClone refuses. */
const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

export function toDraft(s: PostcardSettings): PostcardDraft {
  const c = plain(s);
  return { ...c, takeaway: { ...c.takeaway, publicBaseUrl: c.takeaway.publicBaseUrl ?? '' } };
}

export function fromDraft(d: PostcardDraft): unknown {
  const c = plain(d);
  const url = String(c.takeaway.publicBaseUrl ?? '').trim();
  return { ...c, takeaway: { ...c.takeaway, publicBaseUrl: url === '' ? null : url } };
}

/** `value.takeaway.port`, `takeaway[port]`, or segments: the field key `takeaway.port`. */
export function fieldOf(path: string | readonly PropertyKey[]): string {
  const parts = typeof path === 'string' ? path.replace(/\[(\w+)\]/g, '.$1').split('.') : path.map(String);
  const p = parts.filter((s) => s !== '' && s !== '(root)');
  if (p[0] === 'value') p.shift();
  return p.slice(0, 2).join('.') || '(form)';
}

/** The first message per field. */
export function fieldErrorsOf(issues: readonly { path: string | readonly PropertyKey[]; message: string }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const i of issues) out[fieldOf(i.path)] ??= i.message;
  return out;
}

export function validatePostcardDraft(d: PostcardDraft): { ok: true; value: PostcardSettings } | { ok: false; errors: FieldErrors } {
  const r = PostcardSettingsSchema.safeParse(fromDraft(d));
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, errors: fieldErrorsOf(r.error.issues.map((i) => ({ path: i.path, message: i.message }))) };
}
