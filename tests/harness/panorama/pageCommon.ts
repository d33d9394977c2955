/** What both harness pages (sceneHarness.ts, psvHarness.ts) put on `window`: the stage and the CSP violations seen. */
const w = window as unknown as Record<string, unknown>;
w.stage = document.getElementById('stage');
/** CSP violations seen by the page (the harness is served with the kiosk's policy). */
const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (e) =>
  violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
);
w.cspViolations = violations;
