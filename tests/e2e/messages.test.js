// Messages, live between two browsers: Dana (Acme) and Priya (the vendor's partner manager)
// chat in their direct conversation. Priya sees Dana's message, her typing and gets the read
// receipt back; Dana goes offline, writes, comes back, and neither screen loses or doubles a
// message. Search jumps to a message; the room is screenshotted for docs/screenshots.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { Server, App, launchBrowser, ARTIFACTS } = require('./lib/portal');

let server;
let browser;

test.before(async () => {
  server = await new Server().start();
  browser = await launchBrowser();
});
test.after(async () => {
  await browser?.close();
  await server?.stop();
});

const bodies = (conv) => (conv ? conv.messages.filter((m) => !m.deleted).map((m) => m.body) : []);
const count = (list, body) => list.filter((b) => b === body).length;

// Types into the composer and sends with Enter, as a user does.
async function send(app, text) {
  await app.fill('Message', text);
  await app.page.keyboard.press('Enter');
}

test('two people chat live: message, typing, receipt, and an offline message arrives once', async () => {
  const dana = await App.open(browser, server.url);
  const priya = await App.open(browser, server.url);
  await dana.loginAndWaitForOverview('dana.fischer@acme.example');
  await priya.loginAndWaitForOverview('priya.shah@northwind.example');

  const danaView = await dana.openConversation('Priya Shah');
  assert.deepEqual(bodies(danaView).slice(-1), ['Perfect, I\'ll take that to their CFO tomorrow.']);
  await priya.openConversation('Dana Fischer');

  // Dana types (at a person's pace): Priya sees "Dana is typing…" while she does.
  const first = 'The signed order form is in the deal notes';
  await dana.click('Message');
  await dana.waitState('focused', (f) => f === 'Message', 'the composer to take the keyboard');
  const typing = dana.page.keyboard.type(first, { delay: 120 });
  await priya.waitState('conversation', (c) => c.typing.includes('Dana Fischer'), 'the typing indicator');
  await priya.screenshot('messages-typing');
  await typing;
  await dana.waitIdle().catch(() => {});
  await dana.page.bringToFront();
  await dana.page.keyboard.press('Enter');

  await priya.waitState('conversation', (c) => count(bodies(c), first) === 1, "Dana's message at Priya's");
  // Priya has the conversation open: her receipt comes back to Dana as "Seen by Priya".
  await dana.waitState('conversation', (c) => c.seen_by.includes('Priya Shah') && c.outgoing.length === 0,
    'the read receipt at Dana\'s');

  // Dana goes offline, writes, and comes back: the message goes out once.
  const offline = 'Written on the train, sent when back online';
  await dana.page.context().setOffline(true);
  await dana.waitState('connection', (c) => c !== 'online', 'the app to notice it is offline');
  await send(dana, offline);
  const pending = await dana.waitState('conversation', (c) => c.outgoing.includes(offline), 'the "Sending…" echo');
  assert.equal(count(bodies(pending), offline), 0);
  await dana.page.context().setOffline(false);
  await dana.waitState('connection', (c) => c === 'online', 'the app to reconnect', 30000);
  await dana.waitState('conversation', (c) => count(bodies(c), offline) === 1 && c.outgoing.length === 0,
    'the offline message stored once at Dana\'s', 30000);
  await priya.waitState('conversation', (c) => count(bodies(c), offline) === 1, 'the offline message at Priya\'s');
  // Still exactly once on both screens after everything settled, in the same order.
  await dana.waitIdle();
  await priya.waitIdle();
  const d = await dana.state('conversation');
  const p = await priya.state('conversation');
  assert.deepEqual(bodies(d), bodies(p));
  assert.equal(count(bodies(d), first), 1);
  assert.equal(count(bodies(d), offline), 1);
  assert.equal(new Set(d.messages.map((m) => m.seq)).size, d.messages.length);

  // Priya answers; Dana, looking at another room, gets an in-app notification.
  await dana.click('Overview');
  await priya.page.bringToFront();
  await send(priya, 'Got it, thank you! I will countersign today.');
  await dana.waitState('messages_ui', (u) => u.notices.some((n) => n.includes('Priya Shah: Got it')),
    'the new-message notification');
  const list = await dana.waitState('messages', (s) => s.conversations.some((c) => c.title === 'Priya Shah' && c.unread === 1),
    'the unread badge');
  assert.ok(list);

  // Search finds it and jumps to the conversation.
  await dana.click('Messages');
  await dana.fill('Search messages', 'countersign');
  await dana.page.keyboard.press('Enter');
  const found = await dana.waitState('messages_ui', (u) => !u.search_pending && u.search_results.length === 1, 'the search result');
  assert.match(found.search_results[0].body, /countersign/);
  await dana.click(`result:${'Got it, thank you! I will countersign today.'.slice(0, 40)}`);
  await dana.waitState('conversation', (c) => c.title === 'Priya Shah', 'the jump to the conversation');
  await dana.waitState('messages', (s) => s.conversations.find((c) => c.title === 'Priya Shah').unread === 0,
    'the conversation marked read');
  await dana.click('Clear search');

  // The screenshot for the docs: Priya's inbox with the live conversation.
  await priya.page.bringToFront();
  await priya.waitIdle();
  const shot = await priya.screenshot('messages');
  fs.mkdirSync(path.join(__dirname, '..', '..', 'docs', 'screenshots'), { recursive: true });
  fs.copyFileSync(shot, path.join(__dirname, '..', '..', 'docs', 'screenshots', 'messages.png'));

  for (const a of [dana, priya]) {
    assert.deepEqual(a.consoleErrors, []);
    await a.close();
  }
});

test(
    'a new direct message: Dana finds Sam among the people she may write to, and he gets it live',
    async () => {
      const dana = await App.open(browser, server.url);
      const sam = await App.open(browser, server.url);
      try {
        await dana.loginAndWaitForOverview('dana.fischer@acme.example');
        await sam.loginAndWaitForOverview('sam.lee@northwind.example');
        await sam.click('Messages');
        await sam.waitState('messages', (s) => s && s.conversations.length > 0, 'Sam\'s list');
        await dana.click('Messages');
        await dana.waitState('messages', (s) => s && s.conversations.length > 0, 'Dana\'s list');

        // The vendor's team and her colleagues; nobody of another partner.
        await dana.click('New message');
        const all = await dana.waitState(
            'messages_ui', (u) => u.new_message.open && u.new_message.people.length > 0,
            'the people she may write to');
        assert.deepEqual(
            all.new_message.people, ['Alex Morgan', 'Leo Martin', 'Priya Shah', 'Sam Lee']);
        await dana.screenshot('messages-new');
        // Nobody chosen yet: the button does nothing.
        await dana.click('Open conversation');
        const idle = (await dana.state('messages_ui')).new_message;
        assert.ok(idle.open && !idle.busy && idle.error === '', JSON.stringify(idle));
        await dana.fill('To', 'maya');
        await dana.waitState(
            'messages_ui',
            (u) => u.new_message.asked === 'maya' && u.new_message.people.length === 0,
            'nobody called Maya for her');

        // Typed and chosen: the conversation opens, her message reaches Sam's list live.
        await dana.fill('To', 'sam');
        await dana.waitState(
            'messages_ui', (u) => u.new_message.asked === 'sam', 'the people matching "sam"');
        await dana.click('person:Sam Lee');
        await dana.waitState(
            'messages_ui', (u) => u.new_message.chosen === 'Sam Lee', 'Sam chosen');
        await dana.click('Open conversation');
        await dana.waitState(
            'conversation', (c) => c && c.title === 'Sam Lee', 'the conversation with Sam');
        assert.equal((await dana.state('messages_ui')).new_message.open, false, 'the modal closed');
        const hello = 'Hi Sam, who handles SSO questions for Acme?';
        await dana.fill('Message', hello);
        await dana.page.keyboard.press('Enter');
        await sam.waitState(
            'messages',
            (s) => s.conversations.some(
                (c) => c.title === 'Dana Fischer' && c.last && c.last.body === hello),
            'Dana\'s new conversation in Sam\'s list');

        // Asked again, the same person leads to the same conversation, not a second one.
        await dana.click('conversation:Priya Shah');
        await dana.click('New message');
        await dana.fill('To', 'sam.lee@');
        await dana.waitState(
            'messages_ui', (u) => u.new_message.chosen === 'Sam Lee', 'the only match, chosen');
        await dana.page.keyboard.press('Enter');
        const again = await dana.waitState(
            'conversation', (c) => c && c.title === 'Sam Lee', 'the same conversation');
        assert.equal(again.messages.filter((m) => m.body === hello).length, 1);
        const list = await dana.state('messages');
        assert.equal(
            list.conversations.filter((c) => c.title === 'Sam Lee').length, 1, 'one conversation');
        assert.deepEqual(dana.consoleErrors, []);
        assert.deepEqual(sam.consoleErrors, []);
      } finally {
        await dana.close();
        await sam.close();
      }
    });

test(
    'the vendor\'s staff open a channel for a partner: its people get it live, others do not',
    async () => {
      const priya = await App.open(browser, server.url);
      const maya = await App.open(browser, server.url);
      try {
        await priya.loginAndWaitForOverview('priya.shah@northwind.example');
        await maya.loginAndWaitForOverview('maya.chen@blueharbor.example');
        await maya.click('Messages');
        await maya.waitState('messages', (s) => s && s.conversations.length > 0, 'Maya\'s list');
        await priya.click('Messages');
        await priya.waitState('messages', (s) => s && s.conversations.length > 0, 'Priya\'s list');
        await priya.click('Inbox');
        await priya.click('New message');
        await priya.click('Channel');
        await priya.waitState('messages_ui', (u) => u.new_message.channel, 'the channel form');

        // Nothing filled in: each field says what it needs, nothing is sent.
        await priya.click('Open channel');
        const refused = await priya.waitState(
            'messages_ui', (u) => u.new_message.errors.title && u.new_message.errors.org_id,
            'the missing name and partner');
        assert.equal(refused.new_message.errors.org_id, 'Choose the partner the channel is for.');

        await priya.fill('Channel name', 'Healthcare launch');
        await priya.fill('Find a partner', 'blue');
        await priya.click('Partner: Blue Harbor Consulting');
        const filled = await priya.waitState(
            'messages_ui', (u) => u.new_message.partner === 'Blue Harbor Consulting',
            'the partner chosen');
        assert.deepEqual(
            filled.new_message.errors, {}, 'the errors went as the fields were filled');
        await priya.screenshot('messages-new-channel');
        await priya.click('Open channel');
        const made = await priya.waitState(
            'conversation', (c) => c && c.title === 'Healthcare launch', 'the new channel open');
        assert.equal(made.messages.length, 0);
        await maya.waitState(
            'messages', (s) => s.conversations.some((c) => c.title === 'Healthcare launch'),
            'the channel in Maya\'s list');
        const kickoff = 'Welcome! This is where we plan the healthcare launch.';
        await priya.fill('Message', kickoff);
        await priya.page.keyboard.press('Enter');
        await maya.waitState(
            'messages',
            (s) => s.conversations.some(
                (c) => c.title === 'Healthcare launch' && c.last && c.last.body === kickoff),
            'Priya\'s first message in Maya\'s list');
        assert.deepEqual(priya.consoleErrors, []);
        assert.deepEqual(maya.consoleErrors, []);
      } finally {
        await priya.close();
        await maya.close();
      }
    });

test('support staff see several live conversations, the unanswered ones first', async () => {
  const sam = await App.open(browser, server.url);
  await sam.loginAndWaitForOverview('sam.lee@northwind.example');
  await sam.click('Messages');
  const ui = await sam.waitState('messages_ui', (u) => u.support_view, 'the support view');
  assert.ok(ui.support_view);
  const list = await sam.waitState('messages', (s) => s && s.conversations.length >= 3, "Sam's conversations");
  // Maya's question to Sam is unanswered: its column comes first.
  const waiting = list.conversations.filter((c) => c.awaiting_reply).map((c) => c.title);
  assert.ok(waiting.includes('Maya Chen'), JSON.stringify(waiting));
  await sam.waitFor(() => sam.rect('Message Maya Chen'), 'the column for Maya');
  // The backlog: how many wait, and what comes after the three columns, in queue order.
  const queue = (await sam.state('messages_ui')).queue;
  assert.equal(queue.waiting, waiting.length);
  assert.equal(queue.next.length, list.conversations.length - 3);
  await sam.screenshot('messages-support');
  // A conversation further down the queue opens in the inbox with one click.
  const next = queue.next[0];
  await sam.click(`queue:${next}`);
  await sam.waitState('conversation', (c) => c && c.title === next, 'the queued conversation');
  assert.equal((await sam.state('messages_ui')).support_view, false, 'shown in the inbox');
  assert.deepEqual(sam.consoleErrors, []);
  await sam.close();
});

test(
    'a reply being written in the support view stays with its conversation when the columns move',
    async () => {
      const sam = await App.open(browser, server.url);
      try {
        await sam.loginAndWaitForOverview('sam.lee@northwind.example');
        await sam.click('Messages');
        await sam.waitState('messages_ui', (u) => u.support_view, 'the support view');
        const list = await sam.waitState(
            'messages', (s) => s && s.conversations.length >= 3, 'Sam\'s conversations');
        const id = (title) => list.conversations.find((c) => c.title === title).conversation.id;
        const columnOf = (ui, title) => ui.columns.findIndex((c) => c.key === id(title));

        // Half a reply to Maya, then Sam answers the conversation waiting longest, in front of
        // hers: it is answered, so it leaves the front and Maya's column takes its place.
        const forMaya = 'Maya, the certificate needs the full chain; I will send';
        await sam.fill('Message Maya Chen', forMaya);
        const before = await sam.state('messages_ui');
        const first = list.conversations.find((c) => c.conversation.id === before.columns[0].key);
        assert.notEqual(first.title, 'Maya Chen', 'another conversation waits longer');
        assert.equal(before.columns[columnOf(before, 'Maya Chen')].draft, forMaya);
        const answer = 'Thanks, noted: we will look at it this week.';
        await sam.fill(`Message ${first.title}`, answer);
        await sam.page.keyboard.press('Enter');
        const moved = await sam.waitState(
            'messages_ui', (u) => columnOf(u, 'Maya Chen') === 0, 'Maya\'s column at the front');
        assert.equal(moved.columns[0].draft, forMaya, 'the draft moved with Maya\'s conversation');
        for (const c of moved.columns.slice(1))
          assert.notEqual(c.draft, forMaya, 'and is in no other column');

        // Finished and sent from her column: it reaches Maya's conversation, no other.
        await sam.click('Message Maya Chen');
        await sam.page.keyboard.press('Control+End');
        await sam.page.keyboard.type(' the steps.', {delay: 5});
        await sam.page.keyboard.press('Enter');
        const done = `${forMaya} the steps.`;
        const after = await sam.waitState(
            'messages',
            (s) => s.conversations.some(
                (c) => c.title === 'Maya Chen' && c.last && c.last.body === done),
            'the reply in Maya\'s conversation');
        assert.equal(
            after.conversations.filter((c) => c.last && c.last.body === done).length, 1,
            'in hers only');
        await sam.waitState(
            'messages_ui', (u) => u.columns.every((c) => c.draft === ''), 'no draft left');
      } finally {
        await sam.close();
      }
    });
