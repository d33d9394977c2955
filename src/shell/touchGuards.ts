/**
 * Browser behaviours a public touch screen must not have: the context menu (long press), drag
 * ghosts of images and links, text selection, and zoom by ctrl+wheel, ctrl+keys or Safari-style
 * gesture events. CSS (styles/base.css) covers pinch-zoom with `touch-action`.
 */
export function installTouchGuards(target: Window): () => void {
  const prevent = (e: Event): void => e.preventDefault();
  const noZoomWheel = (e: WheelEvent): void => {
    if (e.ctrlKey) e.preventDefault();
  };
  const noZoomKeys = (e: KeyboardEvent): void => {
    if ((e.ctrlKey || e.metaKey) && ['+', '-', '=', '0'].includes(e.key)) e.preventDefault();
  };
  const listeners: [string, EventListener, AddEventListenerOptions][] = [
    ['contextmenu', prevent, {}],
    ['dragstart', prevent, {}],
    ['selectstart', prevent, {}],
    ['gesturestart', prevent, {}],
    ['wheel', noZoomWheel as EventListener, { passive: false }],
    ['keydown', noZoomKeys as EventListener, {}],
  ];
  for (const [type, fn, opts] of listeners) target.addEventListener(type, fn, opts);
  return () => {
    for (const [type, fn, opts] of listeners) target.removeEventListener(type, fn, opts);
  };
}
