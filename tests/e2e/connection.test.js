// Connection loss: a server that is down is explained, the app reconnects by itself with the
// same session when the server is back, and nothing the user saw or wrote is lost: a command
// whose answer never comes is sent again, and a server whose disk fails does not log anyone
// out. (Unsent messages kept in the browser: unsent.test.js.)
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const {Server, App, launchBrowser, sleep, danaAndPriya, routeFrames} = require('./lib/portal');

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

test(
    'a command whose answer never comes is sent again on the same connection and applied once',
    async () => {
      // The server answers only what reached its disk; after a failed write it says nothing. Here
      // the first answer to Dana's message is dropped on its way to the page: the tab must send the
      // command again by itself, and the server must apply it once.
      const server = await new Server().start();
      const sends = [];  // ids of the message.send commands the page sent, in order
      let dropped = null;
      let sockets = 0;
      const routeSocket = (page) => routeFrames(page, (f, toServer) => {
        if (toServer) {
          if (f && f.t === 'cmd' && f.type === 'message.send') sends.push(f.id);
          return undefined;
        }
        if (!dropped && f && f.t === 'ack' && sends.includes(f.id)) {
          dropped = f.id;
          return null;
        }
        return undefined;
      }, () => ++sockets);
      const app = await App.open(browser, server.url, {beforeLoad: routeSocket});
      try {
        await app.loginAndWaitForOverview('dana.fischer@acme.example');
        await app.click('Messages');
        await app.waitState(
            'messages', (s) => s && s.conversations.length > 0, 'the conversation list');
        await app.click('conversation:Priya Shah');
        await app.waitState(
            'conversation', (c) => c && c.title === 'Priya Shah', 'the conversation');

        const body = 'Sent once although its first answer was lost';
        await app.fill('Message', body);
        await app.page.keyboard.press('Enter');
        await app.waitState(
            'conversation', (c) => c.messages.some((m) => m.body === body), 'the message');
        assert.ok(dropped, 'the first answer was dropped');
        assert.ok(
            (await app.state('unacked')).includes(dropped), 'the command waits for its answer');
        await app.waitState(
            'unacked', (ids) => !ids.includes(dropped), 'the resend to be answered', 20000);

        assert.deepEqual(sends, [dropped, dropped], 'the same command, sent twice');
        const conv = await app.state('conversation');
        assert.equal(
            conv.messages.filter((m) => m.body === body).length, 1, 'stored and shown once');
        assert.equal(sockets, 1, 'on the same connection');
      } finally {
        await app.close();
        await server.stop();
      }
    });

test(
    'while the server\'s disk fails, the tabs stay logged in with what they wrote, and it goes through once the disk is back',
    async () => {
      // The real server with an fdatasync that fails while a flag file exists (the integration
      // tests' portal_failing_sync, preloaded): it acknowledges nothing, closes every connection
      // (bye storage_failed) and cannot store a resumed session either.
      const flag = path.join(os.tmpdir(), `portal-e2e-disk-${process.pid}`);
      const server =
          await new Server({
            env: {LD_PRELOAD: process.env.PORTAL_FAILING_SYNC, PORTAL_TEST_FAIL_SYNC: flag},
          }).start();
      let sockets = 0;  // Dana's tab's connections
      const {dana, priya} = await danaAndPriya(
          browser, server,
          {beforeLoad: (page) => routeFrames(page, () => undefined, () => ++sockets)});
      try {
        fs.writeFileSync(flag, '');
        const before = sockets;
        const body = 'Written while the server could not write to its disk';
        await dana.fill('Message', body);
        await dana.page.keyboard.press('Enter');
        await dana.waitState('connection', (c) => c !== 'online', 'the connection to drop', 20000);
        // The tabs try to resume and the server cannot store it: they stay logged in, keep the
        // message waiting, and try again later.
        for (const until = Date.now() + 10000; Date.now() < until; await sleep(250)) {
          for (const tab of [dana, priya])
            assert.equal(await tab.state('screen'), 'app', 'still logged in');
        }
        assert.deepEqual((await dana.state('conversation')).outgoing, [body], 'still waiting');
        // A server that takes the socket and cannot serve it is asked again after a growing
        // wait (0.5, 1, 2, 4, 8 s), not every half second (a dozen times in these 10 s).
        assert.ok(sockets - before <= 7, `${sockets - before} connections in about 11 s`);

        fs.unlinkSync(flag);
        await priya.waitState(
            'conversation', (c) => c.messages.some((m) => m.body === body),
            'the message at Priya\'s once the disk is back', 40000);
        await dana.waitState(
            'conversation',
            (c) =>
                c.outgoing.length === 0 && c.messages.filter((m) => m.body === body).length === 1,
            'the message stored once at Dana\'s', 30000);
        await priya.waitIdle();
        assert.equal(
            (await priya.state('conversation')).messages.filter((m) => m.body === body).length, 1);
        assert.equal(await dana.state('screen'), 'app');
      } finally {
        fs.rmSync(flag, {force: true});
        await dana.close();
        await priya.close();
        await server.stop();
      }
    });
