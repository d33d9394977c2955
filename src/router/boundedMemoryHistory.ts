import type { HistoryState, RouterHistory } from 'vue-router';

type Listener = Parameters<RouterHistory['listen']>[0];
type Info = Parameters<Listener>[2];

/**
 * vue-router's memory history (https://router.vuejs.org/api/#createMemoryHistory) keeping at most `limit` entries.
 * The library's own keeps every entry pushed for the life of the page: a kiosk that runs for months and never
 * reloads would hold every screen every visitor ever opened (three or four per visit, a few hundred bytes each).
 * Going back stays as it is within the last `limit` screens (the services board's back button); older entries are
 * dropped, as a browser drops the oldest of its session history.
 * Behaviour otherwise follows the library's: a push after going back drops the forward entries, `go` clamps to the
 * ends and tells the listeners (the router) unless asked not to, `destroy` forgets everything.
 */
export function createBoundedMemoryHistory(limit = 50): RouterHistory {
  if (!(Number.isInteger(limit) && limit >= 2)) throw new Error(`a history keeps at least 2 entries, got ${limit}`);
  let listeners: Listener[] = [];
  let queue: [string, HistoryState][] = [['', {}]];
  let position = 0;
  const setLocation = (to: string, state: HistoryState = {}): void => {
    position += 1;
    queue.splice(position);
    queue.push([to, state]);
    const over = queue.length - limit;
    if (over > 0) {
      queue.splice(0, over);
      position -= over;
    }
  };
  const history: RouterHistory = {
    base: '',
    get location() {
      return queue[position]![0];
    },
    get state() {
      return queue[position]![1];
    },
    createHref: (location) => location,
    push: (to, state) => setLocation(to, state),
    replace(to, state) {
      queue.splice(position, 1);
      position -= 1;
      setLocation(to, state);
    },
    listen(callback) {
      listeners.push(callback);
      return () => {
        listeners = listeners.filter((l) => l !== callback);
      };
    },
    destroy() {
      listeners = [];
      queue = [['', {}]];
      position = 0;
    },
    go(delta, triggerListeners = true) {
      const from = history.location;
      position = Math.max(0, Math.min(position + delta, queue.length - 1));
      // The enums' values (vue-router's NavigationType.pop, NavigationDirection.back/forward), which it exports as types only.
      const info = { type: 'pop', direction: delta < 0 ? 'back' : 'forward', delta } as unknown as Info;
      if (triggerListeners) for (const l of listeners) l(history.location, from, info);
    },
  };
  return history;
}
