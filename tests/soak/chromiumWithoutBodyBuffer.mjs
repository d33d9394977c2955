#!/usr/bin/env node
// Chromium, as Playwright launches it, but every `Network.enable` Playwright sends asks for no response bodies to be
// kept: `maxTotalBufferSize` and `maxResourceBufferSize` 0
// (https://chromedevtools.github.io/devtools-protocol/tot/Network/#method-enable).
//
// Why: Playwright enables the Network domain without sizes on the page and each worker, and Chromium then keeps the
// bodies of the responses the page receives, up to 200 MB per DevTools session, in the renderer
// (kDefaultTotalBufferSize in
// https://source.chromium.org/chromium/chromium/src/+/main:third_party/blink/renderer/core/inspector/inspector_network_agent.cc).
// A kiosk has no DevTools attached, so in a soak that memory is the automation's, not the kiosk's. The soak's
// `--no-devtools-bodies` launches this as Chromium's executable (the path of the real one in SOAK_CHROMIUM).
//
// With SOAK_DEVTOOLS_NETWORK=off it goes further: `Network.enable` never reaches Chromium and is answered here with an
// empty result, so DevTools keeps no record of the page's requests at all (it otherwise does, bodies or not, as long
// as the page lives). Playwright then sees no request events: routes and response objects do not work, the soak's
// `--no-devtools-network` does without them.
//
// How: Playwright talks to Chromium over `--remote-debugging-pipe`, NUL-terminated JSON messages on file descriptors 3
// (to Chromium) and 4 (from it). This passes both through and rewrites only `Network.enable`.
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';

const chromium = process.env.SOAK_CHROMIUM;
if (!chromium) {
  console.error('chromiumWithoutBodyBuffer: set SOAK_CHROMIUM to the Chromium executable');
  process.exit(2);
}
const child = spawn(chromium, process.argv.slice(2), { stdio: ['ignore', 'inherit', 'inherit', 'pipe', 'pipe'] });
const fromPlaywright = createReadStream('', { fd: 3 });
const toPlaywright = createWriteStream('', { fd: 4 });

const networkOff = process.env.SOAK_DEVTOOLS_NETWORK === 'off';

/**
 * One message from Playwright, to pass on (`forward`: `Network.enable` asking for no bodies kept, anything else
 * unchanged) or, for `Network.enable` with the Network domain off, to answer here (`answer`).
 */
function rewrite(text) {
  if (!text.includes('"Network.enable"')) return { forward: text };
  const message = JSON.parse(text);
  if (message.method !== 'Network.enable') return { forward: text };
  if (networkOff)
    return { answer: JSON.stringify({ id: message.id, result: {}, ...(message.sessionId ? { sessionId: message.sessionId } : {}) }) };
  message.params = { ...message.params, maxTotalBufferSize: 0, maxResourceBufferSize: 0 };
  return { forward: JSON.stringify(message) };
}

/** Calls `onMessage` with each whole NUL-terminated message read from `stream`. */
function messages(stream, onMessage) {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    const parts = (pending + chunk).split('\0');
    pending = parts.pop();
    for (const part of parts) onMessage(part);
  });
}

messages(fromPlaywright, (text) => {
  const { forward, answer } = rewrite(text);
  if (forward !== undefined) child.stdio[3].write(forward + '\0');
  // Whole messages only towards Playwright, so an answer made here never lands inside one of Chromium's.
  else toPlaywright.write(answer + '\0');
});
fromPlaywright.on('end', () => child.stdio[3].end());
// Chromium's messages are split into whole ones only when answers made here go the same way; otherwise its bytes go
// through as they come (pipe() ends the stream to Playwright when Chromium's ends).
if (networkOff) {
  messages(child.stdio[4], (text) => toPlaywright.write(text + '\0'));
  child.stdio[4].on('end', () => toPlaywright.end());
} else child.stdio[4].pipe(toPlaywright);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
// On 'close' (the child's pipes drained, and the stream to Playwright ended once written) stop reading and let the
// event loop end, so the last messages reach Playwright before this exits.
child.on('close', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
  fromPlaywright.destroy();
});
