import { beforeEach, describe, expect, it, vi } from 'vitest';
import { debuggingReasons, refuseDebugging } from '../../../../../electron/main/security/refuseDebugging';
import { app, mockState, resetElectronMock } from '../../../../mocks/electron';

vi.mock('electron', () => import('../../../../mocks/electron'));

const EXE = '/opt/Riverside Station Kiosk/riverside-station-kiosk';

describe('debuggingReasons', () => {
  it.each([
    ['--remote-debugging-port=9222', 'remote-debugging-port'],
    ['--remote-debugging-port', 'remote-debugging-port'],
    ['--remote-debugging-pipe', 'remote-debugging-pipe'],
    ['-remote-debugging-port=0', 'remote-debugging-port'],
    ['--REMOTE-DEBUGGING-PORT=9222', 'remote-debugging-port'],
    ['/remote-debugging-port=9222', 'remote-debugging-port'],
    ['--remote-allow-origins=*', 'remote-allow-origins'],
    ['--inspect', 'inspect'],
    ['--inspect=0.0.0.0:9229', 'inspect'],
    ['--inspect-brk', 'inspect-brk'],
    ['--inspect-port=9229', 'inspect-port'],
    ['--inspect-wait', 'inspect-wait'],
    ['--js-flags=--allow-natives-syntax', 'js-flags'],
  ])('refuses %s', (arg, name) => {
    expect(debuggingReasons([EXE, arg], {})).toEqual([`command-line switch --${name}`]);
  });

  it('lets ordinary switches, values and arguments after a bare -- through', () => {
    expect(debuggingReasons([EXE], {})).toEqual([]);
    expect(debuggingReasons([EXE, '--no-sandbox-is-not-here', '--lang=zh-CN', '--enable-logging', '.'], {})).toEqual([]);
    // Not a switch name: a path or a value that merely contains the words.
    expect(debuggingReasons([EXE, '/home/kiosk/inspect', 'remote-debugging-port'], {})).toEqual([]);
    expect(debuggingReasons([EXE, '--', '--inspect'], {})).toEqual([]);
    // The executable itself is never read as a switch.
    expect(debuggingReasons(['--inspect'], {})).toEqual([]);
  });

  it('refuses ELECTRON_RUN_AS_NODE and NODE_OPTIONS that load code or a debugger', () => {
    expect(debuggingReasons([EXE], { ELECTRON_RUN_AS_NODE: '1' })).toEqual(['environment variable ELECTRON_RUN_AS_NODE']);
    for (const opts of [
      '--inspect',
      '--inspect-brk=9229',
      '--require ./x.js',
      '-r ./x.js',
      '--import=./x.mjs',
      '--max-old-space-size=512 --loader ./l.mjs',
    ]) {
      expect(debuggingReasons([EXE], { NODE_OPTIONS: opts }), opts).toEqual(['NODE_OPTIONS that load code or a debugger']);
    }
    expect(debuggingReasons([EXE], { NODE_OPTIONS: '--max-old-space-size=512' })).toEqual([]);
  });
});

describe('refuseDebugging', () => {
  beforeEach(() => resetElectronMock());
  const logged: Array<{ event: string; fields?: Record<string, unknown> }> = [];
  const log = { error: (event: string, fields?: Record<string, unknown>) => logged.push({ event, fields }) };
  beforeEach(() => {
    logged.length = 0;
  });

  it('an installed build exits with code 1 and logs why', () => {
    app.isPackaged = true;
    expect(refuseDebugging(app as never, log, [EXE, '--remote-debugging-port=9222', '--inspect'], {})).toBe(true);
    expect(mockState.exitCodes).toEqual([1]);
    expect(logged).toEqual([
      {
        event: 'security.debugging_refused',
        fields: { reasons: ['command-line switch --remote-debugging-port', 'command-line switch --inspect'] },
      },
    ]);
  });

  it('an installed build without such switches starts', () => {
    app.isPackaged = true;
    expect(refuseDebugging(app as never, log, [EXE, '--lang=zh-CN'], {})).toBe(false);
    expect(mockState.exitCodes).toEqual([]);
    expect(logged).toEqual([]);
  });

  it('a development build keeps its debugging switches', () => {
    app.isPackaged = false;
    expect(refuseDebugging(app as never, log, [EXE, '--remote-debugging-port=9222'], { ELECTRON_RUN_AS_NODE: '1' })).toBe(false);
    expect(mockState.quitCalls).toBe(0);
  });
});
