import { describe, expect, it } from 'vitest';
import { NARRATOR_SETTINGS_DEFAULT, NarratorSettingsSchema } from '../../../../common/narratorSettings';
import { blackLevelTransfer, projectionTransform } from '../../../../src/exhibits/narrator/projectionStyle';

describe("the narrator's projection", () => {
  it('turns, scales and flips the picture as the operator set it', () => {
    expect(projectionTransform({ mirror: 'none', rotate: 0, scale: 1, blackLevel: 0 })).toBe('rotate(0deg) scale(1)');
    expect(projectionTransform({ mirror: 'horizontal', rotate: 90, scale: 0.8, blackLevel: 0 })).toBe(
      'rotate(90deg) scale(0.8) scaleX(-1)',
    );
    expect(projectionTransform({ mirror: 'vertical', rotate: 270, scale: 1.5, blackLevel: 0 })).toBe(
      'rotate(270deg) scale(1.5) scaleY(-1)',
    );
  });

  it('maps the black level to black and keeps white white', () => {
    const { slope, intercept } = blackLevelTransfer(0.1);
    expect(slope * 0.1 + intercept).toBeCloseTo(0, 10);
    expect(slope * 1 + intercept).toBeCloseTo(1, 10);
    expect(blackLevelTransfer(0)).toEqual({ slope: 1, intercept: -0 });
  });

  it('stores only valid settings: rotation in quarter turns, bounded size and black level', () => {
    expect(NarratorSettingsSchema.safeParse(NARRATOR_SETTINGS_DEFAULT).success).toBe(true);
    const bad = (projection: object) =>
      NarratorSettingsSchema.safeParse({
        ...NARRATOR_SETTINGS_DEFAULT,
        projection: { ...NARRATOR_SETTINGS_DEFAULT.projection, ...projection },
      }).success;
    expect(bad({ rotate: 45 })).toBe(false);
    expect(bad({ scale: 5 })).toBe(false);
    expect(bad({ blackLevel: 0.5 })).toBe(false);
    expect(bad({ mirror: 'diagonal' })).toBe(false);
    expect(bad({ rotate: 180, mirror: 'vertical' })).toBe(true);
  });
});
