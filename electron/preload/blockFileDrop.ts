/**
 * A file dropped on the page would otherwise be opened by Chromium. The navigation guard in the
 * main process already refuses file:// navigation; this stops the drop before it gets that far.
 * DOM events are shared between the isolated preload world and the page, so a listener here is
 * enough (https://www.electronjs.org/docs/latest/tutorial/context-isolation).
 */
export function blockFileDrop(target: Pick<EventTarget, 'addEventListener'>): void {
  const stop = (event: Event): void => {
    const types = (event as DragEvent).dataTransfer?.types;
    if (!types || Array.from(types).includes('Files')) event.preventDefault();
  };
  target.addEventListener('dragover', stop, { capture: true });
  target.addEventListener('drop', stop, { capture: true });
}
