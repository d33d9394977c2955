import type { GuideRemoteCommand } from '../../../common/guideRemote';
import type { TakeawayRoute } from '../postcards/takeawayServer';
import type { GuideRemote } from './guideRemote';
import { pairPage, REMOTE_CSP, remotePage, type RemoteLesson } from './remotePages';

// Same alphabet and length as the take-away server's card tokens; the raw path, never decoded.
const PAIR = /^\/g\/p\/([A-Za-z0-9_-]{43})$/;
const REMOTE = /^\/g\/r\/([A-Za-z0-9_-]{43})(?:\/(next|prev|go\/(\d{1,2})))?$/;

const html = (body: string) => ({
  status: 200,
  body,
  headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Security-Policy': REMOTE_CSP },
});
const seeOther = (location: string) => ({
  status: 303,
  body: '',
  headers: { Location: location, 'Cache-Control': 'no-store', 'Content-Security-Policy': REMOTE_CSP },
});

/**
 * The guide remote's paths on the take-away server (`/g/…`); anything else, and every miss, is left to the server's
 * own 404. GET shows a page, POST acts and sends the phone back to its remote (post/redirect/get), so a reload never
 * repeats a step. Tokens are in the path, so a page of another site cannot post a command without knowing one.
 */
export function guideRemoteRoutes(remote: GuideRemote, lesson: (id: string) => RemoteLesson | null): TakeawayRoute {
  return ({ method, path }) => {
    const read = method === 'GET' || method === 'HEAD';
    const pair = PAIR.exec(path);
    if (pair) {
      const code = pair[1]!;
      if (read) return remote.pairingValid(code) ? html(pairPage()) : null;
      if (method !== 'POST') return null;
      const token = remote.pair(code);
      return token ? seeOther(`../r/${token}`) : null;
    }
    const m = REMOTE.exec(path);
    if (!m) return null;
    const token = m[1]!;
    if (!m[2]) {
      if (!read) return null;
      const state = remote.phone(token);
      if (!state) return null;
      return html(remotePage(token, state.lessonId ? lesson(state.lessonId) : null, state.stepIndex));
    }
    if (method !== 'POST') return null;
    const command: GuideRemoteCommand = m[3] !== undefined ? { kind: 'go', step: Number(m[3]) } : { kind: m[2] as 'next' | 'prev' };
    if (!remote.command(token, command)) return null;
    return seeOther(m[3] !== undefined ? `../../${token}` : `../${token}`);
  };
}
