import { describe, expect, it } from 'vitest';
import { createMemoryHistory, type RouterHistory } from 'vue-router';
import { createBoundedMemoryHistory } from '../../../src/router/boundedMemoryHistory';
import { seededRandom } from '../../../common/seededRandom';

/** Runs the same operations on a history and records what a router would see: location, state, listener calls. */
function replay(history: RouterHistory, ops: (['push' | 'replace', string] | ['go', number, boolean])[]) {
  const seen: unknown[] = [];
  history.listen((to, from, info) => seen.push(['listener', to, from, info.type, info.direction, info.delta]));
  for (const op of ops) {
    if (op[0] === 'go') history.go(op[1], op[2]);
    else history[op[0]](op[1], { at: op[1] });
    seen.push([history.location, history.state]);
  }
  return seen;
}

describe('createBoundedMemoryHistory', () => {
  it("behaves as vue-router's memory history while it holds fewer entries than its limit", () => {
    const random = seededRandom(7);
    const ops: (['push' | 'replace', string] | ['go', number, boolean])[] = [];
    for (let i = 0; i < 40; i++) {
      const r = random();
      ops.push(r < 0.5 ? ['push', `/p${i}`] : r < 0.7 ? ['replace', `/r${i}`] : ['go', Math.floor(random() * 7) - 4, random() < 0.7]);
    }
    expect(replay(createBoundedMemoryHistory(100), ops)).toEqual(replay(createMemoryHistory(), ops));
  });

  it('keeps only the last entries of a long day: going back stops at the oldest kept', () => {
    const history = createBoundedMemoryHistory(50);
    for (let i = 0; i < 3000; i++) history.push(`/screen/${i}`);
    history.go(-1, false);
    expect(history.location).toBe('/screen/2998');
    history.go(-10_000, false);
    expect(history.location).toBe('/screen/2950');
    history.go(10_000, false);
    expect(history.location).toBe('/screen/2999');
    // A push after going back still drops the forward entries.
    history.go(-3, false);
    history.push('/after');
    history.go(1, false);
    expect(history.location).toBe('/after');
  });

  it('refuses a limit too small to go back at all', () => {
    expect(() => createBoundedMemoryHistory(1)).toThrow(/at least 2/);
  });
});
