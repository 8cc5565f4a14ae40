// Test harness for the browser tests: starts the real portal-server on a free port with a
// fresh SQLite file and the demo data, launches Debian's headless Chromium, and drives the
// ImGui canvas through the app's test hook (widget rectangles, app state, idle flag).
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const test = require('node:test');
const { chromium } = require('playwright-core');

const SERVER = process.env.PORTAL_SERVER;
const PUBLIC = process.env.PORTAL_PUBLIC;
const ARTIFACTS = process.env.PORTAL_ARTIFACTS || path.join(__dirname, '..', 'artifacts');
const PASSWORD = 'portal-demo-2026';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
  '--no-first-run', '--disable-background-networking', '--disable-component-update',
  '--disable-sync'];

function sleep(ms) { return new Promise((r) => setTimeout(r, ms)); }

// Servers started and not yet stopped. A test that fails before it stops its own server (a
// throw before its try) would leave the process, whose pipes keep node waiting until ctest's
// timeout: in a test file, a last hook stops what is left (with SIGTERM; stop() is idempotent
// and returns the exit code, so a file's own hook still sees it). The benches that use this
// harness run no tests.
const running = new Set();
if (require.main?.filename.endsWith('.test.js')) {
  test.after(async () => {
    for (const server of running) await server.stop();
  });
}

// A running portal-server process. start() resolves once it prints its listening line.
class Server {
  // `args`: extra portal-server options (e.g. ['--demo-accounts', '10000']); `env`: extra
  // environment entries for its process.
  constructor({dataDir, port, args, env} = {}) {
    this.env = env || {};
    this.dataDir = dataDir || fs.mkdtempSync(path.join(os.tmpdir(), 'portal-e2e-'));
    this.port = port || 0;
    this.args = args || [];
    this.proc = null;
    this.output = '';
  }

  async start() {
    if (!SERVER || !PUBLIC) throw new Error('PORTAL_SERVER and PORTAL_PUBLIC must be set (run via ctest)');
    this.proc = spawn(
        SERVER,
        [
          '--host', '127.0.0.1', '--port', String(this.port), '--data', this.dataDir, '--public',
          PUBLIC, '--demo', ...this.args
        ],
        {stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, ...this.env}});
    running.add(this);
    const exited = new Promise((resolve) => this.proc.once('exit', (code) => {
      running.delete(this);
      resolve(code);
    }));
    this.exited = exited;
    const listening = new Promise((resolve, reject) => {
      const onData = (chunk) => {
        this.output += chunk.toString();
        const m = this.output.match(/listening on http:\/\/([^/\s]+):(\d+)\//);
        if (m) { this.port = Number(m[2]); resolve(); }
      };
      this.proc.stdout.on('data', onData);
      this.proc.stderr.on('data', (c) => { this.output += c.toString(); });
      exited.then((code) => reject(new Error(`server exited (${code}) before listening:\n${this.output}`)));
    });
    let timer;
    const late = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error('server did not start in 30 s')), 30000);
    });
    try {
      await Promise.race([listening, late]);
    } finally {
      clearTimeout(timer);  // a pending timer would keep node running 30 s after the tests
    }
    return this;
  }

  get url() { return `http://127.0.0.1:${this.port}/`; }

  // Stops the process (if it still runs) and returns its exit code (null after a signal).
  async stop(signal = 'SIGTERM') {
    if (!this.proc) return null;
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill(signal);
    return await this.exited;
  }
}

async function launchBrowser() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

// One browser tab running the portal, with helpers that act like a user on the canvas.
class App {
  constructor(page) { this.page = page; }

  // `beforeLoad(page)` runs before the page loads (to route its WebSocket, say). With
  // `context`, the tab opens in that browser context (its storage: a second tab of one user).
  static async open(
      browser, url, {width = 1440, height = 900, scale = 1, beforeLoad, context: shared} = {}) {
    const context =
        shared || await browser.newContext({viewport: {width, height}, deviceScaleFactor: scale});
    const page = await context.newPage();
    if (beforeLoad) await beforeLoad(page);
    const app = new App(page);
    app.consoleErrors = [];
    page.on('pageerror', (e) => app.consoleErrors.push(String(e)));
    await page.goto(url);
    await page.waitForFunction(() => window.ppReady === true, null, { timeout: 30000 });
    return app;
  }

  async state(name) {
    const text = await this.page.evaluate((n) => Module.ccall('pp_state', 'string', ['string'], [n]), name);
    return JSON.parse(text);
  }

  async rect(label) {
    const text = await this.page.evaluate((l) => Module.ccall('pp_widget_rect', 'string', ['string'], [l]), label);
    return text ? JSON.parse(text) : null;
  }

  async idle() {
    return (await this.page.evaluate(() => Module.ccall('pp_idle', 'number', [], []))) === 1;
  }

  // Polls until fn() returns a truthy value; fails with the last value seen.
  async waitFor(fn, what, timeout = 15000) {
    const deadline = Date.now() + timeout;
    let last;
    while (Date.now() < deadline) {
      try { last = await fn(); if (last) return last; } catch (e) { last = e; }
      await sleep(50);
    }
    throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last && last.message ? last.message : last)}`);
  }

  async waitIdle(timeout = 15000) {
    await this.waitFor(() => this.idle(), 'the app to be idle', timeout);
  }

  async waitState(name, predicate, what, timeout) {
    return this.waitFor(async () => { const v = await this.state(name); return predicate(v) ? (v ?? true) : false; },
      what || `state ${name}`, timeout);
  }

  // Clicks the middle of the widget drawn with this label (a real mouse event on the canvas).
  async click(label) {
    const r = await this.waitFor(() => this.rect(label), `widget "${label}" on screen`);
    // Several tabs share one browser: only the tab in front gets keyboard focus.
    await this.page.bringToFront();
    const box = await this.page.locator('canvas').boundingBox();
    await this.page.mouse.click(box.x + r.x + r.w / 2, box.y + r.y + r.h / 2);
    // The app takes input frame by frame: let it draw the click's effect before going on.
    await this.waitIdle().catch(() => {});
  }

  // Clicks a text field, waits until it holds the keyboard, replaces its text and waits until
  // the app has taken every key (on a loaded machine frames come slowly).
  async fill(label, text) {
    // A click that arrives while a loaded machine is still laying out the first frames can miss
    // the field; like a user, click again when the caret does not show up.
    for (let attempt = 1; ; ++attempt) {
      await this.click(label);
      try {
        await this.waitState('focused', (f) => f === label, `the "${label}" field to take the keyboard`,
          attempt < 4 ? 4000 : 15000);
        break;
      } catch (e) {
        if (attempt >= 4) throw e;
      }
    }
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.press('Backspace');
    await this.page.keyboard.type(text, { delay: 5 });
    await this.waitIdle().catch(() => {});
  }

  // Like fill(), but the text arrives as a user's Ctrl+V from the clipboard: one frame instead
  // of one per key (typing a long text takes minutes in a software-rendered browser).
  async paste(label, text) {
    await this.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await this.fill(label, '');
    await this.page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await this.page.keyboard.press('Control+V');
    await this.waitIdle().catch(() => {});
  }

  // Opens the Messages room and the conversation with this title.
  async openConversation(title) {
    await this.click('Messages');
    await this.waitState(
        'messages', (s) => s && s.conversations.length > 0, 'the conversation list');
    await this.click(`conversation:${title}`);
    return this.waitState(
        'conversation', (c) => c && c.title === title, `the conversation with ${title}`);
  }

  async login(email, password = PASSWORD) {
    await this.waitState('screen', (s) => s === 'login', 'the log-in screen');
    await this.fill('E-mail', email);
    await this.fill('Password', password);
    await this.page.keyboard.press('Enter');
  }

  async loginAndWaitForOverview(email, password = PASSWORD) {
    await this.login(email, password);
    await this.waitState('screen', (s) => s === 'app', 'the app shell');
    return this.waitState('overview', (o) => o && typeof o.leads_submitted === 'number', 'the Overview snapshot');
  }

  async screenshot(name) {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, `${name}.png`);
    await this.waitIdle().catch(() => {});
    await this.page.screenshot({ path: file });
    return file;
  }

  async close() { await this.page.context().close(); }
}

// Dana (Acme) and Priya (the vendor) logged in, each in a tab showing their conversation.
// `danaTab`: App.open options for Dana's tab.
async function danaAndPriya(browser, server, danaTab = {}) {
  const dana = await App.open(browser, server.url, danaTab);
  const priya = await App.open(browser, server.url);
  await dana.loginAndWaitForOverview('dana.fischer@acme.example');
  await priya.loginAndWaitForOverview('priya.shah@northwind.example');
  await dana.openConversation('Priya Shah');
  await priya.openConversation('Dana Fischer');
  return {dana, priya};
}

// Routes a page's WebSocket through `edit(frame, toServer)` in front of the real server: it
// returns the text to pass on, undefined to pass the frame as it is, or null to drop it.
// `opened()` is called for every socket the page opens.
function routeFrames(page, edit, opened = () => {}) {
  return page.routeWebSocket((url) => url.pathname === '/ws', (ws) => {
    opened();
    const upstream = ws.connectToServer();
    const parse = (m) => {
      try {
        return JSON.parse(m);
      } catch {
        return null;
      }
    };
    ws.onMessage((m) => {
      const out = edit(parse(m), true);
      if (out !== null) upstream.send(out === undefined ? m : out);
    });
    upstream.onMessage((m) => {
      const out = edit(parse(m), false);
      if (out !== null) ws.send(out === undefined ? m : out);
    });
  });
}

module.exports = {
  Server,
  App,
  launchBrowser,
  sleep,
  danaAndPriya,
  routeFrames,
  PASSWORD,
  ARTIFACTS,
};
