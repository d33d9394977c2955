import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { installFakeKiosk } from '../../../../fixtures/packs/fakeKiosk';
import { INK_WIDTHS } from '../../../../../src/exhibits/postcard/ink/strokes';
import { usePostcardStore } from '../../../../../src/exhibits/postcard/usePostcardStore';
import InkCanvas from '../../../../../src/exhibits/postcard/components/InkCanvas.vue';

/** A pointer event at client (x, y) with pressure, optionally carrying coalesced samples. */
function pointer(type: string, x: number, y: number, o: { id?: number; pressure?: number; coalesced?: [number, number][] } = {}): Event {
  const e = new Event(type, { bubbles: true }) as Event & Record<string, unknown>;
  Object.assign(e, { clientX: x, clientY: y, pointerId: o.id ?? 1, pressure: o.pressure ?? 0.5 });
  if (o.coalesced) e.getCoalescedEvents = () => o.coalesced!.map(([cx, cy]) => ({ clientX: cx, clientY: cy, pressure: o.pressure ?? 0.5 }));
  return e;
}

let canvas: HTMLCanvasElement;
beforeEach(() => {
  setActivePinia(createPinia());
  installFakeKiosk({});
  const wrapper = mount(InkCanvas, { attachTo: document.body });
  canvas = wrapper.element as HTMLCanvasElement;
  // The card on screen: 740 x 500 px at (100, 50).
  canvas.getBoundingClientRect = () => ({
    left: 100,
    top: 50,
    width: 740,
    height: 500,
    right: 840,
    bottom: 550,
    x: 100,
    y: 50,
    toJSON: () => ({}),
  });
  canvas.setPointerCapture = () => {};
});

describe('InkCanvas', () => {
  it('records a stroke in card fractions with the chosen pen, using every coalesced sample', async () => {
    const pc = usePostcardStore();
    pc.color = '#c8322b';
    pc.width = 'thick';
    canvas.dispatchEvent(pointer('pointerdown', 174, 300));
    canvas.dispatchEvent(
      pointer('pointermove', 470, 300, {
        coalesced: [
          [250, 300],
          [330, 300],
          [400, 300],
          [470, 300],
        ],
      }),
    );
    canvas.dispatchEvent(pointer('pointerup', 470, 300));
    const s = pc.ink.strokes;
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ color: '#c8322b', width: INK_WIDTHS.thick });
    expect(s[0]!.points[0]).toEqual({ x: 0.1, y: 0.5, p: 0.5 });
    // Four coalesced samples (smoothed) plus the exact end point.
    expect(s[0]!.points).toHaveLength(6);
    expect(s[0]!.points.at(-1)).toMatchObject({ x: 0.5, y: 0.5 });
    await nextTick();
    expect(canvas.dataset.strokes).toBe('1');
  });

  it('follows one pointer at a time: a second finger neither starts nor moves a stroke', () => {
    const pc = usePostcardStore();
    canvas.dispatchEvent(pointer('pointerdown', 200, 100, { id: 1 }));
    canvas.dispatchEvent(pointer('pointerdown', 600, 400, { id: 2 }));
    canvas.dispatchEvent(pointer('pointermove', 700, 450, { id: 2 }));
    canvas.dispatchEvent(pointer('pointerup', 700, 450, { id: 2 }));
    expect(pc.ink.strokes).toHaveLength(1);
    expect(pc.ink.strokes[0]!.points).toHaveLength(1);
    expect(pc.ink.drawing).toBe(true);
    canvas.dispatchEvent(pointer('pointerup', 200, 100, { id: 1 }));
    expect(pc.ink.drawing).toBe(false);
  });

  it('keeps the pressure of a stylus', () => {
    const pc = usePostcardStore();
    canvas.dispatchEvent(pointer('pointerdown', 200, 300, { pressure: 0.9 }));
    canvas.dispatchEvent(pointer('pointermove', 400, 300, { pressure: 0.9 }));
    expect(pc.ink.strokes[0]!.points.every((p) => p.p === 0.9)).toBe(true);
  });
});
