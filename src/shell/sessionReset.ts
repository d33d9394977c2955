/**
 * The end of a visit (idle timeout, or a visitor pressing "start over"): every exhibit store
 * registers a hook here so that the next visitor finds every exhibit in its initial state.
 * Exhibit stores call `onSessionReset(() => ...)` once, when they are created.
 */
type Hook = () => void;
const hooks = new Set<Hook>();

/** Registers `hook`; returns a function that removes it. */
export function onSessionReset(hook: Hook): () => void {
  hooks.add(hook);
  return () => hooks.delete(hook);
}

/** Runs every hook; one failing hook does not stop the others (the kiosk must always reset). */
export function runSessionReset(): void {
  for (const hook of [...hooks]) {
    try {
      hook();
    } catch (err) {
      console.warn(`a session reset hook failed: ${(err as Error).message}`);
    }
  }
}
