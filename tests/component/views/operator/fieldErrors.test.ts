import { describe, expect, it } from 'vitest';
import { fieldErrorsOf } from '../../../../src/views/operator/fieldErrors';

describe('fieldErrorsOf', () => {
  it('maps BAD_REQUEST paths to settings-form fields, first message per field', () => {
    const out = fieldErrorsOf(
      [
        { path: 'openingHours.mon.close', message: 'closing time must be after opening time' },
        { path: 'idleTimeoutSeconds', message: 'too small' },
        { path: 'idleTimeoutSeconds', message: 'second message' },
        { path: 'exhibits[1]', message: 'bad id' },
      ],
      (field, message) => `${field}: ${message}`,
    );
    expect(out).toEqual({
      'openingHours.mon': 'openingHours.mon: closing time must be after opening time',
      idleTimeoutSeconds: 'idleTimeoutSeconds: too small',
      exhibits: 'exhibits: bad id',
    });
  });

  it('returns no errors when there are no issues', () => {
    expect(fieldErrorsOf(undefined, () => 'x')).toEqual({});
  });
});
