// A second client for browser tests that need another user to act while they watch: it opens
// its own WebSocket from a page of the portal (so the Origin check passes), logs in and sends
// one command, resolving with the server's answer. Used where driving a second UI would only
// repeat what other tests already click through.
'use strict';

async function runAs(browser, url, email, password, type, payload) {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(url);
    return await page.evaluate(async ({ email, password, type, payload }) => {
      const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws');
      const frames = [];
      let wake = null;
      ws.onmessage = (m) => { frames.push(JSON.parse(m.data)); if (wake) wake(); };
      await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = reject; });
      const next = async (pred) => {
        const deadline = Date.now() + 15000;
        for (;;) {
          const i = frames.findIndex(pred);
          if (i >= 0) return frames.splice(i, 1)[0];
          if (Date.now() > deadline) throw new Error('no answer from the server');
          await new Promise((r) => { wake = r; setTimeout(r, 100); });
        }
      };
      ws.send(JSON.stringify({ t: 'login', v: 2, email, password }));
      const welcome = await next((f) => f.t === 'welcome' || f.t === 'error');
      if (welcome.t !== 'welcome') return welcome;
      const id = 'e2e-' + Math.random().toString(16).slice(2);
      ws.send(JSON.stringify({ t: 'cmd', id, type, payload }));
      const answer = await next((f) => f.id === id);
      ws.close();
      return answer;
    }, { email, password, type, payload });
  } finally {
    await context.close();
  }
}

module.exports = { runAs };
