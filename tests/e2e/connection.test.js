// Connection loss: a server that is down is explained, the app reconnects by itself with the
// same session when the server is back, and nothing the user saw is lost.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { Server, App, launchBrowser } = require('./lib/portal');

let browser;
test.before(async () => { browser = await launchBrowser(); });
test.after(async () => { await browser?.close(); });

test('a server that is down shows a clear message, then the app connects when it is up', async () => {
  // The page itself comes from the server, so load it first, then take the server away.
  const up = await new Server().start();
  const { port, dataDir, url } = up;
  const tab = await App.open(browser, url);
  await tab.waitState('screen', (s) => s === 'login', 'the log-in screen');
  await up.stop();
  await tab.waitState('connection', (c) => c !== 'online', 'the app to notice the outage');
  const msg = await tab.waitState('connection_notice', (e) => /reach the server/i.test(e || ''), 'an outage message');
  assert.match(msg, /retrying/i);
  await tab.screenshot('server-down');

  const again = await new Server({ dataDir, port }).start();
  await tab.waitState('connection', (c) => c === 'online', 'the app to reconnect', 30000);
  await tab.loginAndWaitForOverview('dana.fischer@acme.example');
  await tab.close();
  await again.stop();
});

test('the session survives a server restart and the Overview catches up', async () => {
  const server = await new Server().start();
  const { port, dataDir } = server;
  const app = await App.open(browser, server.url);
  const before = await app.loginAndWaitForOverview('dana.fischer@acme.example');

  await server.stop();
  await app.waitState('connection', (c) => c === 'reconnecting' || c === 'offline', 'the outage to show');
  await app.screenshot('reconnecting');
  const restarted = await new Server({ dataDir, port }).start();
  await app.waitState('connection', (c) => c === 'online', 'the app to reconnect', 30000);
  assert.equal(await app.state('screen'), 'app', 'still logged in after the reconnect');

  // A lead submitted after the reconnect still reaches this tab.
  const other = await App.open(browser, restarted.url);
  await other.loginAndWaitForOverview('leo.martin@acme.example');
  await other.click('Submit lead');
  await other.waitState('lead_form', (f) => f && f.open, 'the lead form');
  await other.fill('Company', 'Initech Services');
  await other.fill('Contact name', 'Peter Gibbons');
  await other.fill('Contact e-mail', 'peter@initech.example');
  await other.page.keyboard.press('Enter');
  const after = await app.waitState('overview', (o) => o.leads_submitted === before.leads_submitted + 1,
    'the lead to arrive after the reconnect');
  assert.equal(after.recent_leads[0].company, 'Initech Services');
  await other.close();
  await app.close();
  await restarted.stop();
});
