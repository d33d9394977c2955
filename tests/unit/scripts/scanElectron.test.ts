import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACCEPTED_FILE, filterFindings, normalizeIssue, parseAccepted, verdict, type Finding } from '../../../scripts/scanElectron.mjs';

const finding = (check: string, file: string, line = 1): Finding => ({
  check,
  file,
  line,
  column: 0,
  severity: 'HIGH',
  confidence: 'FIRM',
  manualReview: false,
  description: check,
});
const acceptance = (check: string, file: string) => ({ check, file, reason: 'the reason this finding is not a problem here' });

describe('the Electronegativity acceptance filter', () => {
  it('passes when every finding is accepted (by check id and file, whatever the line)', () => {
    const v = verdict(
      [finding('CSP_GLOBAL_CHECK', 'N/A'), finding('SANDBOX_JS_CHECK', 'main/window.ts', 40)],
      [acceptance('CSP_GLOBAL_CHECK', 'N/A'), acceptance('SANDBOX_JS_CHECK', 'main/window.ts')],
    );
    expect(v.ok).toBe(true);
    expect(v.unaccepted).toEqual([]);
    expect(v.lines).toEqual(['electronegativity: 2 finding(s), 2 accepted, 0 not accepted']);
  });

  it('fails on a new finding: another check, or the same check in another file', () => {
    const accepted = [acceptance('CSP_GLOBAL_CHECK', 'N/A'), acceptance('SANDBOX_JS_CHECK', 'main/window.ts')];
    const newCheck = verdict(
      [
        finding('CSP_GLOBAL_CHECK', 'N/A'),
        finding('SANDBOX_JS_CHECK', 'main/window.ts'),
        finding('NODE_INTEGRATION_JS_CHECK', 'main/window.ts', 7),
      ],
      accepted,
    );
    expect(newCheck.ok).toBe(false);
    expect(newCheck.unaccepted.map((f) => f.check)).toEqual(['NODE_INTEGRATION_JS_CHECK']);
    expect(newCheck.lines[1]).toBe('  NOT ACCEPTED NODE_INTEGRATION_JS_CHECK main/window.ts:7:0 HIGH/FIRM NODE_INTEGRATION_JS_CHECK');
    const otherFile = verdict(
      [finding('CSP_GLOBAL_CHECK', 'N/A'), finding('SANDBOX_JS_CHECK', 'main/window.ts'), finding('SANDBOX_JS_CHECK', 'main/other.ts')],
      accepted,
    );
    expect(otherFile.ok).toBe(false);
    expect(otherFile.unaccepted).toEqual([finding('SANDBOX_JS_CHECK', 'main/other.ts')]);
  });

  it('fails on an acceptance that matches no finding any more', () => {
    const v = verdict([], [acceptance('CSP_GLOBAL_CHECK', 'N/A')]);
    expect(v.ok).toBe(false);
    expect(v.stale).toEqual([acceptance('CSP_GLOBAL_CHECK', 'N/A')]);
    expect(v.lines[1]).toMatch(/STALE ACCEPTANCE CSP_GLOBAL_CHECK N\/A/);
  });

  it('with nothing accepted, any finding fails', () => {
    expect(filterFindings([finding('AUXCLICK_JS_CHECK', 'main/x.ts')], []).unaccepted).toHaveLength(1);
    expect(verdict([], []).ok).toBe(true);
  });

  it('reads an acceptance only with a check, a file and a reason that says why', () => {
    expect(() => parseAccepted({})).toThrow(/expected/);
    expect(() => parseAccepted({ accepted: [{ check: 'X', file: 'N/A' }] })).toThrow(/reason/);
    expect(() => parseAccepted({ accepted: [{ check: 'X', file: 'N/A', reason: 'ok' }] })).toThrow(/says why/);
    expect(parseAccepted({ accepted: [acceptance('X', 'N/A')] })).toEqual([acceptance('X', 'N/A')]);
  });

  it('the committed acceptance file is well formed', () => {
    const accepted = parseAccepted(JSON.parse(readFileSync(ACCEPTED_FILE, 'utf8')));
    expect(accepted.map((a) => a.check)).toEqual(['CSP_GLOBAL_CHECK']);
  });

  it("normalizes the scanner's issue objects", () => {
    const issue = {
      id: 'SANDBOX_JS_CHECK',
      file: 'main/a.ts',
      location: { line: 3, column: 4 },
      severity: { name: 'MEDIUM', value: 2 },
      confidence: { name: 'FIRM', value: 1 },
      manualReview: false,
      description: 'Use sandbox',
    };
    expect(normalizeIssue(issue)).toEqual({
      check: 'SANDBOX_JS_CHECK',
      file: 'main/a.ts',
      line: 3,
      column: 4,
      severity: 'MEDIUM',
      confidence: 'FIRM',
      manualReview: false,
      description: 'Use sandbox',
    });
  });
});
