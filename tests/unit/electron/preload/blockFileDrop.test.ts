import { describe, expect, it } from 'vitest';
import { blockFileDrop } from '../../../../electron/preload/blockFileDrop';

/** A drag event as Chromium dispatches it; `types` lists what is being dragged. */
function dragEvent(type: string, types: string[] | null): Event {
  const e = new Event(type, { cancelable: true });
  Object.defineProperty(e, 'dataTransfer', { value: types ? { types } : null });
  return e;
}

describe('blockFileDrop', () => {
  it('cancels dragging and dropping files, so Chromium never opens them', () => {
    const target = new EventTarget();
    blockFileDrop(target);
    for (const type of ['dragover', 'drop']) {
      const e = dragEvent(type, ['Files']);
      target.dispatchEvent(e);
      expect(e.defaultPrevented, type).toBe(true);
    }
    const noData = dragEvent('drop', null);
    target.dispatchEvent(noData);
    expect(noData.defaultPrevented).toBe(true);
  });

  it('leaves in-page drags alone (text, elements)', () => {
    const target = new EventTarget();
    blockFileDrop(target);
    const e = dragEvent('dragover', ['text/plain']);
    target.dispatchEvent(e);
    expect(e.defaultPrevented).toBe(false);
  });
});
