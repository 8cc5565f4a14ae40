// What a user wrote and the server has not taken yet is never lost: a message written offline
// outlives its tab, two tabs of one user keep theirs apart, and a message the server refuses
// stays on screen until the user retries or discards it.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const {Server, App, launchBrowser, danaAndPriya, routeFrames} = require('./lib/portal');

let browser;
test.before(async () => {
  browser = await launchBrowser();
});
test.after(async () => {
  await browser?.close();
});

// The keys under which the tabs of this browser keep unsent messages.
function outboxKeys(app) {
  return app.page.evaluate(
      () => Object.keys(localStorage).filter((k) => k.startsWith('pp.outbox')));
}

test(
    'a message written offline survives its tab being closed and goes out once from the next tab',
    async () => {
      const server = await new Server().start();
      const {dana, priya} = await danaAndPriya(browser, server);
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
        const shown = await next.openConversation('Priya Shah');
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
        await priya.openConversation('Dana Fischer');
        // A second tab of Dana's browser; only its connection is cut off (a flaky proxy, a
        // sleeping laptop's one tab): nothing passes either way while `cut` holds.
        const context = first.page.context();
        second = await App.open(
            browser, server.url,
            {context, beforeLoad: (page) => routeFrames(page, () => cut ? null : undefined)});
        await second.waitState('screen', (s) => s === 'app', 'the second tab\'s session');
        await second.openConversation('Priya Shah');
        await first.openConversation('Priya Shah');

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
      const {dana, priya} = await danaAndPriya(browser, server, {
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
        conv = await dana.openConversation('Priya Shah');
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
