// Fills the maintenance screen from its query string (?reason=crash-loop&detail=...), set by the
// Electron main process (electron/main/crashRecovery.ts, electron/main/index.ts). Text only:
// the query string is never parsed as HTML.
(function () {
  'use strict';
  const REASONS = {
    'crash-loop': {
      zh: '原因：展项程序多次意外退出（10 分钟内重启 5 次），已停止自动重启。请重启电脑；若仍出现，请联系维护人员。',
      en: 'Reason: the exhibit stopped unexpectedly several times (5 restarts within 10 minutes), so automatic restarts were halted. Restart the PC; if this persists, contact maintenance.',
    },
    'startup-failed': {
      zh: '原因：展项数据无法打开，程序未能启动。请联系维护人员（可能需要更新本机软件）。',
      en: 'Reason: the kiosk could not open its data and did not start. Contact maintenance (this PC may need a software update).',
    },
  };
  const FALLBACK = { zh: '原因：未知故障。请重启电脑。', en: 'Reason: unknown fault. Restart the PC.' };

  function fill() {
    const q = new URLSearchParams(window.location.search);
    const key = q.get('reason') || '';
    const reason = Object.hasOwn(REASONS, key) ? REASONS[key] : FALLBACK;
    document.getElementById('reason-zh').textContent = reason.zh;
    document.getElementById('reason-en').textContent = reason.en;
    document.getElementById('detail').textContent = (q.get('detail') || '').slice(0, 300);
    document.getElementById('when').textContent = new Date().toLocaleString('zh-CN', { hour12: false });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fill);
  else fill();
})();
