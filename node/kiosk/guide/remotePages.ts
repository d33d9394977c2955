import { createHash } from 'node:crypto';
import { escapeHtml } from '../postcards/takeawayPage';

/**
 * The guide's phone pages on the take-away server: Chinese first with English, no script (buttons are plain forms;
 * the remote page reloads itself every few seconds to follow the kiosk screen), one style block allowed by its hash.
 */
export const REMOTE_STYLE = [
  'html{font-family:system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC",sans-serif;background:#0c2a38;color:#f6efe3}',
  'body{margin:0;padding:14px}main{max-width:640px;margin:0 auto}',
  'h1{font-size:1.2rem;margin:.2rem 0 .8rem}.en{display:block;font-size:.8em;opacity:.7;font-weight:normal}',
  '.now{background:#133b4f;border-radius:14px;padding:12px 14px;margin-bottom:12px}.now h2{margin:.2rem 0;font-size:1.3rem}',
  '.count,.minutes{opacity:.75;font-size:.95rem}.notes{font-size:1.1rem;line-height:1.5;margin:.6rem 0 0}',
  '.nav{display:flex;gap:10px;margin:12px 0}.nav form{flex:1}',
  'button{width:100%;min-height:56px;border-radius:28px;border:1px solid #f2b950;background:transparent;color:#f6efe3;font-size:1.15rem}',
  'button.primary{background:#f2b950;color:#1b1b1b;font-weight:700}button:disabled{opacity:.35}',
  'ol{padding-left:1.4rem}li{margin:6px 0}li button{min-height:44px;text-align:left;padding:0 14px;font-size:1rem;border-color:#2f5b70}',
  'li.on button{border-color:#f2b950;font-weight:700}.note{font-size:.85rem;opacity:.7;margin-top:1rem}',
].join('');
const styleHash = createHash('sha256').update(REMOTE_STYLE).digest('base64');

/** Like the card pages' headers, but the buttons are forms that post back to this server. */
export const REMOTE_CSP = `default-src 'none'; style-src 'sha256-${styleHash}'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`;

type Bilingual = { 'zh-CN': string; en: string };
const both = (t: Bilingual): string => `${escapeHtml(t['zh-CN'])}<span class="en" lang="en">${escapeHtml(t.en)}</span>`;

function page(title: string, body: string, refreshSeconds?: number): string {
  return (
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<meta name="robots" content="noindex, nofollow">' +
    (refreshSeconds ? `<meta http-equiv="refresh" content="${refreshSeconds}">` : '') +
    `<title>${escapeHtml(title)}</title><style>${REMOTE_STYLE}</style></head><body><main>${body}</main></body></html>`
  );
}

/** The page a QR code opens: one button, so that a link preview fetching the page does not pair by itself. */
export function pairPage(): string {
  return page(
    '讲解遥控 Guide remote',
    '<h1>讲解遥控<span class="en" lang="en">Guide remote</span></h1>' +
      '<p>用这部手机控制一体机上的课程。<span class="en" lang="en">Use this phone to run the lesson on the kiosk.</span></p>' +
      '<form method="post"><button class="primary" type="submit">连接 Connect</button></form>' +
      '<p class="note">此链接仅可使用一次，2 分钟内有效。<span class="en" lang="en">This link works once, within 2 minutes.</span></p>',
  );
}

export interface RemoteLesson {
  title: Bilingual;
  steps: { title: Bilingual; notes: Bilingual; minutes: number }[];
}

/** The remote: the step on the kiosk screen with its notes, previous/next, and every step to jump to. */
export function remotePage(token: string, lesson: RemoteLesson | null, stepIndex: number): string {
  const self = escapeHtml(token);
  if (!lesson) {
    return page(
      '讲解遥控 Guide remote',
      '<h1>讲解遥控<span class="en" lang="en">Guide remote</span></h1>' +
        '<p>已连接。请在一体机上开始一堂课。<span class="en" lang="en">Connected. Start a lesson on the kiosk.</span></p>',
      3,
    );
  }
  const step = lesson.steps[stepIndex] ?? lesson.steps[0]!;
  const last = lesson.steps.length - 1;
  const button = (action: string, label: string, cls = '', disabled = false): string =>
    `<form method="post" action="${self}/${action}"><button type="submit" class="${cls}"${disabled ? ' disabled' : ''}>${label}</button></form>`;
  const steps = lesson.steps
    .map(
      (s, i) =>
        `<li${i === stepIndex ? ' class="on"' : ''}><form method="post" action="${self}/go/${i}"><button type="submit">${escapeHtml(s.title['zh-CN'])}</button></form></li>`,
    )
    .join('');
  return page(
    '讲解遥控 Guide remote',
    `<h1>${both(lesson.title)}</h1>` +
      `<section class="now"><p class="count">第 ${stepIndex + 1} 步，共 ${lesson.steps.length} 步 · Step ${stepIndex + 1} of ${lesson.steps.length}</p>` +
      `<h2 data-step="${stepIndex + 1}">${both(step.title)}</h2><p class="minutes">约 ${step.minutes} 分钟 · about ${step.minutes} min</p>` +
      `<p class="notes">${both(step.notes)}</p></section>` +
      `<div class="nav">${button('prev', '‹ 上一步', '', stepIndex === 0)}${button('next', '下一步 ›', 'primary', stepIndex >= last)}</div>` +
      `<ol>${steps}</ol>`,
    4,
  );
}
