import { reactive } from 'vue';
import { describe, expect, it } from 'vitest';
import { POSTCARD_SETTINGS_DEFAULT } from '../../../../../common/postcardSettings';
import {
  fieldErrorsOf,
  fieldOf,
  fromDraft,
  toDraft,
  validatePostcardDraft,
} from '../../../../../src/exhibits/postcard/operator/postcardForm';

describe('postcard operator form', () => {
  it('edits the public base URL as text: empty is none, and a trailing slash goes', () => {
    const d = toDraft(POSTCARD_SETTINGS_DEFAULT);
    expect(d.takeaway.publicBaseUrl).toBe('');
    expect(fromDraft(d)).toEqual(POSTCARD_SETTINGS_DEFAULT);
    d.takeaway.publicBaseUrl = ' https://wifi.example.cn/k/ ';
    const v = validatePostcardDraft(d);
    expect(v).toEqual({
      ok: true,
      value: {
        ...POSTCARD_SETTINGS_DEFAULT,
        takeaway: { ...POSTCARD_SETTINGS_DEFAULT.takeaway, publicBaseUrl: 'https://wifi.example.cn/k' },
      },
    });
  });

  it('validates the reactive draft of the screen (a Vue proxy) without touching it', () => {
    const d = reactive(toDraft(POSTCARD_SETTINGS_DEFAULT));
    d.printLimit = 3;
    expect(validatePostcardDraft(d)).toMatchObject({ ok: true, value: { printLimit: 3 } });
    expect(d.takeaway.publicBaseUrl).toBe('');
  });

  it('keys each problem by its field, so the message shows next to it', () => {
    const d = toDraft(POSTCARD_SETTINGS_DEFAULT);
    d.takeaway.port = 80;
    d.takeaway.publicBaseUrl = 'wifi.example.cn';
    d.takeaway.interface = 'wlan0; rm';
    d.pageSize.widthMm = 10;
    d.expiryHours = 0;
    const v = validatePostcardDraft(d);
    expect(v.ok).toBe(false);
    expect(Object.keys((v as { errors: Record<string, string> }).errors).sort()).toEqual([
      'expiryHours',
      'pageSize.widthMm',
      'takeaway.interface',
      'takeaway.port',
      'takeaway.publicBaseUrl',
    ]);
  });

  it("reads the contract's issue paths the same way", () => {
    expect(fieldOf('value.takeaway.port')).toBe('takeaway.port');
    expect(fieldOf('value.pageSize.widthMm')).toBe('pageSize.widthMm');
    expect(fieldOf('value')).toBe('(form)');
    expect(
      fieldErrorsOf([
        { path: 'value.printLimit', message: 'too big' },
        { path: 'value.printLimit', message: 'second' },
      ]),
    ).toEqual({ printLimit: 'too big' });
  });
});
