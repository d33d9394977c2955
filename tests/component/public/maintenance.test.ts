import { beforeEach, describe, expect, it } from 'vitest';
import html from '../../../public/maintenance.html?raw';
import script from '../../../public/maintenance.js?raw';

/** public/maintenance.html + maintenance.js, run in happy-dom the way the kiosk window loads them. */

function show(query: string): void {
  window.history.replaceState(null, '', `/maintenance.html${query}`);
  document.body.innerHTML = /<body>([\s\S]*)<\/body>/.exec(html)?.[1] ?? '';
  new Function(script)();
}
const text = (id: string): string => document.getElementById(id)?.textContent ?? '';

describe('maintenance screen', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('has no inline script or style (the CSP forbids them)', () => {
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    expect(html).toContain('src="./maintenance.js"');
    expect(html).toContain('href="./maintenance.css"');
  });

  it('says in Chinese and English that the kiosk stopped after a crash loop, with the detail', () => {
    show('?reason=crash-loop&detail=renderer-oom%20(5%20restarts)');
    expect(text('title-zh')).toContain('暂停服务');
    expect(text('title-en')).toMatch(/out of service/i);
    expect(text('reason-zh')).toContain('5');
    expect(text('reason-en')).toMatch(/5 restarts within 10 minutes/);
    expect(text('detail')).toBe('renderer-oom (5 restarts)');
  });

  it('explains a start-up failure', () => {
    show('?reason=startup-failed&detail=stored%20settings%20are%20version%203');
    expect(text('reason-en')).toMatch(/could not open its data/);
    expect(text('detail')).toBe('stored settings are version 3');
  });

  it('falls back for unknown reasons and never renders the query string as HTML', () => {
    show('?reason=__proto__&detail=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E');
    expect(text('reason-en')).toMatch(/unknown fault/);
    expect(text('detail')).toBe('<img src=x onerror=alert(1)>');
    expect(document.querySelector('img')).toBeNull();
  });
});
