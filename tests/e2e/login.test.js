// Log-in in a real browser: bad credentials are explained in place, a good log-in lands on the
// Overview with the seeded figures, and log-out returns to the log-in screen.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { Server, App, launchBrowser } = require('./lib/portal');

let server;
let browser;

test.before(async () => {
  server = await new Server().start();
  browser = await launchBrowser();
});
test.after(async () => {
  await browser?.close();
  assert.equal(await server?.stop(), 0, 'server exits cleanly on SIGTERM');
});

test('a wrong password and an unknown user get the same clear message', async () => {
  const app = await App.open(browser, server.url);
  await app.login('dana.fischer@acme.example', 'not-the-password');
  const wrong = await app.waitState('login_error', (e) => typeof e === 'string' && e.length > 0, 'a log-in error');
  assert.match(wrong, /e-mail or password/i);
  assert.equal(await app.state('screen'), 'login');
  await app.screenshot('login-error');

  await app.login('nobody@nowhere.example', 'whatever-password');
  await app.waitFor(async () => (await app.idle()) && (await app.state('login_error')) === wrong,
    'the same message for an unknown user');
  assert.equal(await app.state('screen'), 'login');
  await app.close();
});

test('a malformed e-mail is caught before anything is sent', async () => {
  const app = await App.open(browser, server.url);
  await app.login('dana.fischer', 'x');
  const err = await app.waitState('login_error', (e) => typeof e === 'string' && e.length > 0, 'a validation error');
  assert.match(err, /e-mail address/i);
  await app.close();
});

test('a partner logs in and sees its own Overview with the seeded figures', async () => {
  const app = await App.open(browser, server.url);
  await app.screenshot('login');
  const o = await app.loginAndWaitForOverview('dana.fischer@acme.example');
  assert.equal(o.org_name, 'Acme Integrations');
  assert.equal(o.tier, 'Gold');
  assert.equal(o.revenue_share_bp, 1500);
  assert.equal(o.leads_submitted, 8);
  assert.equal(o.leads_open, 5);
  assert.equal(o.deals_in_progress, 3);
  assert.ok(o.pipeline_minor > 0);
  assert.equal(o.commission_expected_minor, Math.round(o.pipeline_minor * 0.15));
  assert.ok(o.recent_leads.length > 0);

  const user = await app.state('user');
  assert.equal(user.email, 'dana.fischer@acme.example');
  assert.equal(await app.state('connection'), 'online');
  assert.equal(await app.state('room'), 'overview');
  // The navigation offers the partner's rooms, and the header the log-out.
  for (const label of ['Overview', 'Leads', 'Deals', 'Partner program', 'Log out'])
    assert.ok(await app.rect(label), `"${label}" is on screen`);
  await app.screenshot('overview');

  await app.click('Log out');
  await app.waitState('screen', (s) => s === 'login', 'the log-in screen after log-out');
  assert.equal(app.consoleErrors.length, 0, app.consoleErrors.join('\n'));
  await app.close();
});

test('text is sharp on a high-DPI screen', async () => {
  const app = await App.open(browser, server.url, { width: 1280, height: 800, scale: 2 });
  const size = await app.page.evaluate(() => {
    const c = document.getElementById('canvas');
    return { w: c.width, h: c.height, cssW: c.clientWidth, cssH: c.clientHeight };
  });
  assert.equal(size.w, size.cssW * 2, 'canvas backing store is CSS width × devicePixelRatio');
  assert.equal(size.h, size.cssH * 2);
  await app.loginAndWaitForOverview('leo.martin@acme.example');
  await app.screenshot('overview-hidpi');
  await app.close();
});
