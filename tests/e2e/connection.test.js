// Connection loss: a server that is down is explained, the app reconnects by itself with the
// same session when the server is back, and nothing the user saw or wrote is lost: a command
// whose answer never comes is sent again, and a message written offline outlives its tab.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const {Server, App, launchBrowser, sleep} = require('./lib/portal');

let browser;
test.before(async () => { browser = await launchBrowser(); });
test.after(async () => { await browser?.close(); });

async function openConversation(app, title) {
  await app.click('Messages');
  await app.waitState('messages', (s) => s && s.conversations.length > 0, 'the conversation list');
  await app.click(`conversation:${title}`);
  return app.waitState(
      'conversation', (c) => c && c.title === title, `the conversation with ${title}`);
}

// Dana (Acme) and Priya (the vendor) logged in, each in a tab showing their conversation.
// `danaTab`: App.open options for Dana's tab.
async function danaAndPriya(server, danaTab = {}) {
  const dana = await App.open(browser, server.url, danaTab);
  const priya = await App.open(browser, server.url);
  await dana.loginAndWaitForOverview('dana.fischer@acme.example');
  await priya.loginAndWaitForOverview('priya.shah@northwind.example');
  await openConversation(dana, 'Priya Shah');
  await openConversation(priya, 'Dana Fischer');
  return {dana, priya};
}

// The keys under which the tabs of this browser keep unsent messages.
function outboxKeys(app) {
  return app.page.evaluate(
      () => Object.keys(localStorage).filter((k) => k.startsWith('pp.outbox')));
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
    'a message written offline survives its tab being closed and goes out once from the next tab',
    async () => {
      const server = await new Server().start();
      const {dana, priya} = await danaAndPriya(server);
      let next = null;
      try {
        // Offline, Dana writes; the message waits as "Sending…", and she closes the tab.
        // Long enough that what the tab keeps is well past 1 KB.
        const body = 'Written offline, tab closed before the connection came back. ' +
            'The agenda for Thursday: pricing, the pilot, the training plan. '.repeat(20).trim();
        const context = dana.page.context();
        await context.setOffline(true);
        await dana.waitState(
            'connection', (c) => c !== 'online', 'the app to notice it is offline');
        await dana.paste('Message', body);
        await dana.page.keyboard.press('Enter');
        await dana.waitState(
            'conversation', (c) => c.outgoing.includes(body), 'the "Sending…" echo');
        await dana.page.close();
        await context.setOffline(false);

        // Later, a new tab of the same browser: the session resumes and the message goes out.
        next = await App.open(browser, server.url, {context});
        await next.waitState('screen', (s) => s === 'app', 'the resumed session');
        const seen = await priya.waitState(
            'conversation', (c) => c.messages.some((m) => m.body === body),
            'the message at Priya\'s', 30000);
        const shown = await openConversation(next, 'Priya Shah');
        await next.waitIdle();
        await priya.waitIdle();
        for (const c of [await next.state('conversation'), await priya.state('conversation')]) {
          assert.equal(
              c.messages.filter((m) => m.body === body).length, 1, 'stored and shown once');
          assert.deepEqual(c.outgoing, []);
        }
        assert.ok(seen && shown);
        assert.deepEqual(await outboxKeys(next), [], 'nothing left waiting in the browser');
      } finally {
        await (next || dana).close();
        await priya.close();
        await server.stop();
      }
    });

test(
    'two tabs of one user keep their unsent messages apart: a closed tab\'s message is not lost',
    async () => {
      const server = await new Server().start();
      const first = await App.open(browser, server.url);
      const priya = await App.open(browser, server.url);
      let cut = false;
      let second = null, third = null;
      try {
        await first.loginAndWaitForOverview('dana.fischer@acme.example');
        await priya.loginAndWaitForOverview('priya.shah@northwind.example');
        await openConversation(priya, 'Dana Fischer');
        // A second tab of Dana's browser; only its connection is cut off (a flaky proxy, a
        // sleeping laptop's one tab): nothing passes either way while `cut` holds.
        const context = first.page.context();
        second = await App.open(
            browser, server.url,
            {context, beforeLoad: (page) => routeFrames(page, () => cut ? null : undefined)});
        await second.waitState('screen', (s) => s === 'app', 'the second tab\'s session');
        await openConversation(second, 'Priya Shah');
        await openConversation(first, 'Priya Shah');

        cut = true;
        const lost = 'Written in the tab whose connection hung';
        await second.fill('Message', lost);
        await second.page.keyboard.press('Enter');
        await second.waitState(
            'conversation', (c) => c.outgoing.includes(lost), 'the "Sending…" echo');
        await second.page.close();

        // The other tab goes on writing; what it keeps and clears is its own.
        const fine = 'Written in the tab that stayed online';
        await first.fill('Message', fine);
        await first.page.keyboard.press('Enter');
        await priya.waitState(
            'conversation', (c) => c.messages.some((m) => m.body === fine),
            'the online tab\'s message');
        await first.waitState('unacked', (ids) => ids.length === 0, 'the online tab\'s answers');
        assert.equal(
            (await outboxKeys(first)).length, 1, 'the closed tab\'s message is still kept');

        // The next tab of that browser takes it over and sends it.
        third = await App.open(browser, server.url, {context});
        await third.waitState('screen', (s) => s === 'app', 'the third tab\'s session');
        await priya.waitState(
            'conversation', (c) => c.messages.some((m) => m.body === lost),
            'the closed tab\'s message at Priya\'s', 30000);
        await third.waitState('unacked', (ids) => ids.length === 0, 'its answer');
        await priya.waitIdle();
        const seen = await priya.state('conversation');
        for (const body of [lost, fine])
          assert.equal(seen.messages.filter((m) => m.body === body).length, 1, `"${body}" once`);
        assert.deepEqual(await outboxKeys(third), [], 'nothing left waiting in the browser');
      } finally {
        await first.close();
        await priya.close();
        await server.stop();
      }
    });

test(
    'a message the server refuses stays marked "Not sent", also after a reload, until retried or discarded',
    async () => {
      // The server refuses a send for a conversation it does not know. Here the first send of
      // each of two messages is aimed at one on its way (as a conversation taken away would
      // be), so the real server refuses it.
      const server = await new Server().start();
      const body = 'The pilot starts on Monday; the first two weeks are on us.';
      const second = 'Never mind this one.';
      const refuseOnce = new Set([body, second]);
      const {dana, priya} = await danaAndPriya(server, {
        beforeLoad: (page) => routeFrames(
            page,
            (f, toServer) => {
              if (!toServer || !f || f.t !== 'cmd' || f.type !== 'message.send' ||
                  !refuseOnce.delete(f.payload.body))
                return undefined;
              f.payload.conversation_id = 'c-gone';
              return JSON.stringify(f);
            }),
      });
      try {
        await dana.fill('Message', body);
        await dana.page.keyboard.press('Enter');
        let conv = await dana.waitState(
            'conversation', (c) => c.failed.length === 1, 'the message marked as not sent');
        assert.equal(conv.failed[0].body, body);
        assert.match(conv.failed[0].error, /conversation/i, 'says why');
        assert.deepEqual(conv.outgoing, []);
        assert.equal(
            (await dana.state('messages_ui')).draft, '', 'the text is on the message, not lost');
        await dana.screenshot('messages-not-sent');

        // A reload keeps it where it was.
        await dana.page.reload();
        await dana.page.waitForFunction(() => window.ppReady === true, null, {timeout: 30000});
        await dana.waitState('screen', (s) => s === 'app', 'the resumed session');
        conv = await openConversation(dana, 'Priya Shah');
        conv = await dana.waitState(
            'conversation', (c) => c.failed.length === 1, 'the refused message after the reload');

        await dana.click('Retry message');
        await priya.waitState(
            'conversation', (c) => c.messages.some((m) => m.body === body),
            'the retried message at Priya\'s');
        await dana.waitState(
            'conversation',
            (c) => c.failed.length === 0 && c.outgoing.length === 0 &&
                c.messages.filter((m) => m.body === body).length === 1,
            'the message stored once at Dana\'s');

        // Refused again; this time Dana lets it go.
        await dana.fill('Message', second);
        await dana.page.keyboard.press('Enter');
        await dana.waitState('conversation', (c) => c.failed.length === 1, 'the second refusal');
        await dana.click('Discard message');
        await dana.waitState('conversation', (c) => c.failed.length === 0, 'the message discarded');
        assert.deepEqual(await outboxKeys(dana), [], 'nothing left waiting in the browser');
        await priya.waitIdle();
        assert.ok(!(await priya.state('conversation')).messages.some((m) => m.body === second));
      } finally {
        await dana.close();
        await priya.close();
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
          server, {beforeLoad: (page) => routeFrames(page, () => undefined, () => ++sockets)});
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
