#!/usr/bin/env node
// Frame time of the Customer accounts room with 10,000 rows, measured in real headless
// Chromium on the built WASM client: starts portal-server with the demo program and
// --demo-accounts N for Acme Integrations, logs in as Dana, opens the room, then scrolls the
// table with the mouse wheel, down to the end and back.
// Prints, in milliseconds:
//   - the app's own work per drawn frame (Module.preMainLoop/postMainLoop around each
//     emscripten main-loop iteration that rendered: ImGui, the table, GL submission);
//   - requestAnimationFrame deltas while scrolling (what the user sees: 16.7 ms = 60 fps).
// Not a ctest: run after scripts/build.sh with `node bench/accounts_frame_time.js [N]`.
'use strict';
const path = require('node:path');
const root = path.join(__dirname, '..');
process.env.PORTAL_SERVER ||= path.join(root, 'build/native/server/portal-server');
process.env.PORTAL_PUBLIC ||= path.join(root, 'build/wasm/public');
const { Server, App, launchBrowser, sleep } = require(path.join(root, 'tests/e2e/lib/portal'));

// N = 0 measures the plain demo (12 accounts): the same frames without the 10,000 rows.
const accounts = Number(process.argv[2] ?? 10000);
const STEPS = 120;  // wheel steps each way

function pct(values, p) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}
const fmt = (v) => v.toFixed(2);

async function main() {
  const server = await new Server({ args: accounts > 0 ? ['--demo-accounts', String(accounts)] : [] }).start();
  const browser = await launchBrowser();
  try {
    const app = await App.open(browser, server.url, { width: 1440, height: 900 });
    let largestFrame = 0;
    app.page.on('websocket', (ws) => ws.on('framereceived', (f) => {
      largestFrame = Math.max(largestFrame, Buffer.byteLength(f.payload));
    }));
    await app.page.reload();
    await app.page.waitForFunction(() => window.ppReady === true, null, { timeout: 30000 });
    await app.loginAndWaitForOverview('dana.fischer@acme.example');
    const t0 = Date.now();
    await app.click('Customer accounts');
    const total = accounts + 12;
    await app.waitState('accounts', (s) => s && s.count === total, `${total} accounts`, 120000);
    const loadMs = Date.now() - t0;
    await app.waitIdle(60000);

    // Instrument: the work of every main-loop iteration that drew a frame, and rAF deltas.
    await app.page.evaluate(() => {
      window.ppBench = { work: [], raf: [], last: 0, on: false };
      const frames = () => Number(Module.ccall('pp_state', 'string', ['string'], ['frames']));
      let start = 0, before = 0;
      Module.preMainLoop = () => { start = performance.now(); before = frames(); };
      Module.postMainLoop = () => {
        const spent = performance.now() - start;
        if (window.ppBench.on && frames() !== before) window.ppBench.work.push(spent);
      };
      const tick = (t) => {
        if (window.ppBench.on && window.ppBench.last) window.ppBench.raf.push(t - window.ppBench.last);
        window.ppBench.last = t;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const box = await app.page.locator('canvas').boundingBox();
    await app.page.mouse.move(box.x + 700, box.y + 600);
    await app.page.evaluate(() => { window.ppBench.on = true; window.ppBench.last = 0; });
    const started = Date.now();
    // Rows are 52 px: STEPS wheel steps reach the end of the table, as many come back up.
    const step = Math.max(600, Math.ceil((total * 52) / STEPS));
    for (const dir of [1, -1]) {
      for (let i = 0; i < STEPS; ++i) {
        await app.page.mouse.wheel(0, dir * step);
        await sleep(8);
      }
    }
    const scrollMs = Date.now() - started;
    const { work, raf } = await app.page.evaluate(() => {
      const out = { work: window.ppBench.work, raf: window.ppBench.raf };
      window.ppBench.work = [];
      return out;
    });
    await app.page.evaluate(() => { window.ppBench.on = false; });
    const frames = await app.state('frames');
    console.log(`# Customer accounts room, ${total} rows (Acme Integrations), 1440x900, headless Chromium`);
    console.log(`snapshot frame: ${(largestFrame / 1048576).toFixed(2)} MiB; click to table: ${loadMs} ms; scrolled ${scrollMs} ms; ${work.length} frames drawn (frames counter ${frames})`);
    console.log(`app work per drawn frame: p50 ${fmt(pct(work, 50))} ms, p99 ${fmt(pct(work, 99))} ms, max ${fmt(Math.max(...work))} ms`);
    console.log(`rAF delta while scrolling: p50 ${fmt(pct(raf, 50))} ms, p99 ${fmt(pct(raf, 99))} ms (${raf.length} frames)`);
    await app.close();
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
