import { extensionOf } from './cardImage';
import type { CardRecord } from './cardStore';

/**
 * The phone pages of the take-away server: Chinese first, English second, no script, one style
 * block allowed by its hash in the CSP. Links are relative (`<token>/card.jpg` from `/c/<token>`), so
 * they keep working when a proxy serves the kiosk under a path prefix.
 */
export const PAGE_STYLE = [
  'html{font-family:system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC",sans-serif;background:#f4efe6;color:#2b2b2b}',
  'body{margin:0;padding:16px}main{max-width:640px;margin:0 auto;text-align:center}',
  'h1{font-size:1.4rem;margin:.5rem 0 1rem}h1 span,.en{display:block;font-size:.85em;color:#666;font-weight:normal}',
  'img{width:100%;height:auto;border-radius:6px;box-shadow:0 2px 10px rgba(0,0,0,.2);background:#fff}',
  '.hint{font-size:1.1rem;margin:1rem 0}',
  '.save{display:inline-block;padding:.8rem 2rem;border-radius:2rem;background:#b3261e;color:#fff;text-decoration:none;font-size:1.1rem}',
  '.note{font-size:.85rem;color:#666;margin-top:1.5rem}',
].join('');

/** Text for HTML content and attribute values: every character that could end either becomes a numeric reference. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function head(title: string): string {
  return (
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<meta name="robots" content="noindex, nofollow">' +
    `<title>${escapeHtml(title)}</title><style>${PAGE_STYLE}</style></head>`
  );
}

export function takeawayPage({ token, card, timeZone }: { token: string; card: CardRecord; timeZone: string }): string {
  const ext = extensionOf(card.mime);
  const src = `${escapeHtml(token)}/card.${ext}`;
  const fmt = (locale: string): string =>
    new Intl.DateTimeFormat(locale, {
      timeZone,
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    }).format(card.expiresAt);
  return (
    head('留影滨江 · Riverside postcard') +
    '<body><main>' +
    '<h1>您的滨江明信片<span lang="en">Your riverside postcard</span></h1>' +
    `<img src="${src}" width="${card.width}" height="${card.height}" alt="您的明信片 / Your postcard">` +
    '<p class="hint">长按图片保存到相册<span class="en" lang="en">Press and hold the picture to save it</span></p>' +
    `<a class="save" href="${src}" download="riverside-postcard.${ext}">保存 / Save</a>` +
    `<p class="note">链接将于 ${escapeHtml(fmt('zh-CN'))} 失效，届时明信片会从服务站删除，不会上传到任何地方。` +
    `<span class="en" lang="en">This link expires on ${escapeHtml(fmt('en-GB'))}; the card is then deleted from the kiosk. It is never uploaded anywhere.</span></p>` +
    '</main></body></html>'
  );
}

/** One body for every miss, so a wrong token and an expired one cannot be told apart. */
export function notFoundPage(): string {
  return (
    head('未找到 · Not found') +
    '<body><main><h1>未找到明信片<span lang="en">Postcard not found</span></h1>' +
    '<p class="hint">链接可能有误或已过期。<span class="en" lang="en">The link is wrong or has expired.</span></p>' +
    '</main></body></html>'
  );
}
