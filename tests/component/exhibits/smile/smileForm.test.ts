import { describe, expect, it } from 'vitest';
import { SMILE_SETTINGS_DEFAULT } from '../../../../common/smileSettings';
import { fieldOf, splitIssuePath, validateSmileDraft } from '../../../../src/exhibits/smile/operator/smileForm';
import { fractionIn, roiFromDrag } from '../../../../src/exhibits/smile/operator/roiDrag';

const draft = () => structuredClone(SMILE_SETTINGS_DEFAULT);

describe("the smile operator form's validation", () => {
  it('accepts the defaults and keys each problem by its field', () => {
    expect(validateSmileDraft(draft())).toEqual({ ok: true, value: SMILE_SETTINGS_DEFAULT });
    const d = draft() as unknown as Record<string, unknown> & typeof SMILE_SETTINGS_DEFAULT;
    d.threshold = 1.5;
    (d as unknown as { sampleFps: unknown }).sampleFps = '';
    d.detectorInputSize = 300;
    d.cameras.exit.minFaceSize = 0;
    d.cameras.entry.roi = { x: 0.8, y: 0.1, width: 0.5, height: 0.5 };
    d.cameras.entry.source = { kind: 'video', url: '' };
    const r = validateSmileDraft(d);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual([
      'cameras.entry.roi',
      'cameras.entry.source',
      'cameras.exit.minFaceSize',
      'detectorInputSize',
      'sampleFps',
      'threshold',
    ]);
    expect(r.errors['cameras.entry.roi']).toBe('the region must lie inside the frame');
    expect(r.errors.detectorInputSize).toContain('224');
  });

  it("maps the services' issue paths (value.cameras.entry.roi.width) to the same fields", () => {
    expect(fieldOf(splitIssuePath('value.cameras.entry.roi.width'))).toBe('cameras.entry.roi');
    expect(fieldOf(splitIssuePath('value.threshold'))).toBe('threshold');
    expect(fieldOf(splitIssuePath('value'))).toBe('(form)');
    expect(splitIssuePath('value.cameras[0].x')).toEqual(['value', 'cameras', 0, 'x']);
  });
});

describe('drawing the region of interest', () => {
  it('a drag in any direction gives the rectangle in fractions of the frame, rounded, inside it', () => {
    expect(roiFromDrag({ x: 0.7, y: 0.9 }, { x: 0.2, y: 0.3 })).toEqual({ x: 0.2, y: 0.3, width: 0.5, height: 0.6 });
    expect(roiFromDrag({ x: 0.123456, y: 0 }, { x: 1, y: 1 })).toEqual({ x: 0.1235, y: 0, width: 0.8765, height: 1 });
  });

  it('a tap or a sliver is not a region', () => {
    expect(roiFromDrag({ x: 0.5, y: 0.5 }, { x: 0.5, y: 0.5 })).toBeNull();
    expect(roiFromDrag({ x: 0.1, y: 0.1 }, { x: 0.9, y: 0.12 })).toBeNull();
  });

  it('pointer positions are fractions of the preview box, clamped to it', () => {
    const box = { left: 100, top: 50, width: 400, height: 300 };
    expect(fractionIn(box, 300, 200)).toEqual({ x: 0.5, y: 0.5 });
    expect(fractionIn(box, 0, 9999)).toEqual({ x: 0, y: 1 });
  });
});
