import { describe, expect, it } from 'vitest';
import { SMILE_SETTINGS_DEFAULT, type SmileSettings } from '../../../../../common/smileSettings';
import { planCamera, videoUrl, type PlanContext } from '../../../../../src/exhibits/smile/camera/cameraPlan';

const ctx = (over: Partial<PlanContext> = {}): PlanContext => ({
  appBase: 'http://127.0.0.1/',
  backend: 'auto',
  demoVideos: { entry: 'pack/smile/demo-entry.webm', exit: 'pack/smile/demo-exit.webm' },
  anyCamera: true,
  automated: false,
  packUrl: (p) => `pack/${p}`,
  ...over,
});
const settings = (over: Partial<SmileSettings> = {}): SmileSettings => structuredClone({ ...SMILE_SETTINGS_DEFAULT, ...over });

describe('planCamera', () => {
  it('is null when the meter or the role is off', () => {
    expect(planCamera(settings({ enabled: false }), 'entry', ctx())).toBeNull();
    const s = settings();
    s.cameras.exit.enabled = false;
    expect(planCamera(s, 'exit', ctx())).toBeNull();
    expect(planCamera(s, 'entry', ctx())).not.toBeNull();
  });

  it('gives two unconfigured roles different cameras (entry the first, exit the second)', () => {
    const entry = planCamera(settings(), 'entry', ctx())!;
    const exit = planCamera(settings(), 'exit', ctx())!;
    expect(entry.source).toMatchObject({ kind: 'camera', deviceId: null, unconfiguredIndex: 0 });
    expect(exit.source).toMatchObject({ kind: 'camera', deviceId: null, unconfiguredIndex: 1 });
  });

  it('keeps an unconfigured role off the camera the other role chose', () => {
    const s = settings();
    s.cameras.entry.source = { kind: 'camera', deviceId: 'abc', label: 'Front' };
    expect(planCamera(s, 'exit', ctx())!.source).toMatchObject({ kind: 'camera', exclude: ['abc'], unconfiguredIndex: 0 });
  });

  it('plays the demo video only for an unconfigured role on a machine without any camera, never under automation', () => {
    expect(planCamera(settings(), 'exit', ctx({ anyCamera: false }))!.source).toEqual({ kind: 'demo', url: 'pack/smile/demo-exit.webm' });
    expect(planCamera(settings(), 'exit', ctx({ anyCamera: true }))!.source.kind).toBe('camera');
    expect(planCamera(settings(), 'exit', ctx({ anyCamera: false, automated: true }))!.source.kind).toBe('camera');
    expect(planCamera(settings(), 'exit', ctx({ anyCamera: false, demoVideos: null }))!.source.kind).toBe('camera');
    const configured = settings();
    configured.cameras.exit.source = { kind: 'camera', deviceId: 'gone', label: 'Exit cam' };
    // A configured camera that is missing stays a camera (reported as missing), never silently a video.
    expect(planCamera(configured, 'exit', ctx({ anyCamera: false }))!.source).toMatchObject({ kind: 'camera', deviceId: 'gone' });
  });

  it('maps settings into the worker config and changes its key when a setting changes', () => {
    const s = settings({ detectorInputSize: 160, threshold: 0.6, minTrackFrames: 4 });
    s.cameras.entry.direction = 'right-to-left';
    s.cameras.entry.roi = { x: 0.1, y: 0.1, width: 0.5, height: 0.5 };
    const plan = planCamera(s, 'entry', ctx())!;
    expect(plan.worker).toMatchObject({
      role: 'entry',
      detectorInputSize: 160,
      threshold: 0.6,
      minTrackFrames: 4,
      direction: { axis: 'x', sign: -1 },
      roi: { x: 0.1 },
    });
    const s2 = structuredClone(s);
    s2.threshold = 0.7;
    expect(planCamera(s2, 'entry', ctx())!.key).not.toBe(plan.key);
    expect(planCamera(structuredClone(s), 'entry', ctx())!.key).toBe(plan.key);
  });

  it('resolves video sources inside the pack or the app, and refuses other origins', () => {
    expect(videoUrl('smile/demo-entry.webm', (p) => `pack/${p}`)).toBe('pack/smile/demo-entry.webm');
    expect(videoUrl('./videos/a.webm', (p) => p)).toBe('./videos/a.webm');
    expect(() => videoUrl('https://example.com/a.webm', (p) => p)).toThrow(/pack path or an app-relative URL/);
    expect(() => videoUrl('//example.com/a.webm', (p) => p)).toThrow();
  });
});
