/**
 * Wraps the loader of an exhibit's screen (or console panel) so that it also creates the exhibit's Pinia store, after
 * the module loaded and outside any component's setup.
 *
 * Why: Vue's watch() keeps the component instance that is current when the watcher is made (runtime-core `doWatch`
 * closes over `currentInstance` for its error handling and scheduler job). A store lives as long as the app and is
 * created by the first component that calls `useXStore()`; the store's own watchers then keep that first component,
 * with its whole unmounted DOM subtree, alive for good. On a kiosk that meant the operator console (about 7,000 nodes,
 * when the history calibration panel was the first to use the history store) or the first story reader stayed in
 * memory after the visit: the soak's DOM-node and listener growth at the attract screen. Created here, the store's
 * watchers hold no component. A loader runs outside setup once past its first await (router resolution, or the async
 * component's promise), so the store is made with no instance current.
 */
export function withStore<T>(load: () => Promise<T>, store: () => Promise<() => unknown>): () => Promise<T> {
  return async () => {
    const [loaded, useStore] = await Promise.all([load(), store()]);
    useStore();
    return loaded;
  };
}
