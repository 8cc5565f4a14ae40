// The Overview in a real browser: leaderboard, pipeline chart and announcements on screen;
// "since your last visit" after time away; a vendor posts an announcement in a second browser
// and a won deal moves the leaderboard, both without a reload.
// (The success metrics, tasks and new-accounts board: overview_accounts.test.js.)
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { Server, App, launchBrowser, sleep, PASSWORD } = require('./lib/portal');
const { runAs } = require('./lib/ws_commands');

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

const PRIYA = 'priya.shah@northwind.example';
const DANA = 'dana.fischer@acme.example';

test('the Overview shows the leaderboard, pipeline, announcements and what changed while away', async () => {
  // Dana's first visit, then she logs out.
  const dana = await App.open(browser, server.url);
  const first = await dana.loginAndWaitForOverview(DANA);
  assert.equal(first.since.since, 0, 'a first visit has nothing to catch up on');
  await dana.click('Log out');
  await dana.waitState('screen', (s) => s === 'login', 'the log-in screen after logging out');

  // The vendor's partner manager, in another browser, posts an announcement through the form
  // and wins one of Acme's deals while Dana is away.
  const priya = await App.open(browser, server.url);
  await priya.loginAndWaitForOverview(PRIYA);
  const deals = await priya.waitState('deals', (d) => d && d.deals.length > 0, "Priya's deals");
  const id = (name) => deals.deals.find((d) => d.name === name).id;
  // "Since your last visit" counts whole seconds after the log-out.
  await sleep(1100);
  await priya.click('Post announcement');
  await priya.waitState('announcement_form', (f) => f && f.open, 'the announcement form');
  await priya.click('Post');
  const invalid = await priya.waitState('announcement_form', (f) => f.errors.length > 0, 'inline validation');
  assert.deepEqual(invalid.errors.map((e) => e.field), ['title', 'body']);
  await priya.fill('Title', 'Partner summit in Lisbon');
  await priya.fill('Text', 'Two days of roadmap sessions and workshops in May.');
  await priya.click('Post');
  await priya.waitState('announcement_form', (f) => f && !f.open, 'the form to close after the ack');
  const won = await runAs(browser, server.url, PRIYA, PASSWORD, 'deal.set_stage',
    { deal_id: id('Vireo ERP cloud migration'), stage: 'closed_won' });
  assert.equal(won.t, 'ack', JSON.stringify(won));

  // Back again: the changes are listed, newest first, with a count.
  await dana.login(DANA);
  const o = await dana.waitState('overview', (s) => s && s.since && s.since.total >= 2,
    "Dana's since-your-last-visit");
  assert.equal(o.since.items[0].text, 'Deal won: Vireo ERP cloud migration');
  assert.equal(o.since.items[1].text, 'Announcement: Partner summit in Lisbon');

  // The leaderboard: Acme by name with its amount, the others anonymised and without amounts.
  const board = o.revenue_board;
  assert.equal(board.rows.length, 3);
  const own = board.rows.find((r) => r.is_viewer);
  assert.equal(own.name, 'Acme Integrations');
  assert.equal(own.value_minor, 4800000);
  assert.equal(own.rank, 1);
  for (const r of board.rows.filter((x) => !x.is_viewer)) {
    assert.match(r.name, /^Partner #\d$/);
    assert.equal(r.value_minor, undefined);
  }
  assert.ok(await dana.rect('Leaderboard'), 'the leaderboard is drawn');
  assert.ok(await dana.rect('Pipeline by stage'), 'the pipeline chart is drawn');
  const won_stage = o.stages.find((s) => s.stage === 'closed_won');
  assert.equal(won_stage.count, 3);
  assert.ok(await dana.rect('announcement:Partner summit in Lisbon'), 'the new announcement is drawn');
  assert.ok(await dana.rect('announcement:Gold review booked for March'), "Acme's own announcement is drawn");

  // Live: another announcement arrives without a reload.
  await priya.click('Post announcement');
  await priya.fill('Title', 'Certification week');
  await priya.fill('Text', 'Free exam vouchers for every partner engineer.');
  await priya.click('Post');
  await dana.waitState('overview', (s) => s.announcements[0].title === 'Certification week',
    'the announcement to reach Dana live');
  await dana.waitFor(() => dana.rect('announcement:Certification week'), 'the announcement on screen');

  // Live: Blue Harbor wins a bigger deal and takes the lead; Dana's board moves, still anonymised.
  const blue = await runAs(browser, server.url, PRIYA, PASSWORD, 'deal.set_stage',
    { deal_id: id('Nordlys smart-meter analytics'), stage: 'closed_won' });
  assert.equal(blue.t, 'ack', JSON.stringify(blue));
  const moved = await dana.waitState('overview', (s) => s.revenue_board.rows[0].is_viewer === false,
    'the leaderboard to move live');
  assert.equal(moved.revenue_board.rows[0].name, 'Partner #1');
  assert.equal(moved.revenue_board.rows[0].bar_pct, 100);
  assert.equal(moved.revenue_board.rows[1].is_viewer, true);
  assert.equal(moved.revenue_board.rows[1].bar_pct, 79);
  assert.ok(!JSON.stringify(moved).includes('Blue Harbor'), 'no other partner is named');
  assert.ok(!JSON.stringify(moved).includes('Nordlys'), "no other partner's deal is named");

  const shot = await dana.screenshot('overview');
  fs.copyFileSync(shot, path.join(__dirname, '..', '..', 'docs', 'screenshots', 'overview.png'));
  // Below the fold: commission by month (from the Deals room's won deals) and the place kept
  // for the success metrics.
  assert.ok(await dana.rect('Commission by month'), 'the commission-by-month chart is drawn');
  await priya.screenshot('overview-vendor');
  assert.deepEqual(dana.consoleErrors, []);
  for (const a of [dana, priya]) await a.close();
});

test('a partner cannot post announcements; the quick actions go where they say', async () => {
  const leo = await App.open(browser, server.url);
  await leo.loginAndWaitForOverview('leo.martin@acme.example');
  assert.equal(await leo.rect('Post announcement'), null, 'partners have no "Post announcement"');
  const refused = await runAs(browser, server.url, 'leo.martin@acme.example', PASSWORD,
    'announcement.post', { title: 'Hi', body: 'From a partner', audience: 'all' });
  assert.equal(refused.code, 'forbidden');

  await leo.click('Submit lead');
  await leo.waitState('lead_form', (f) => f && f.open, 'the lead form');
  await leo.click('Cancel');
  await leo.waitState('lead_form', (f) => f && !f.open, 'the lead form to close');
  // "Add customer account" opens the Add account modal over the Customer accounts room.
  await leo.click('Add customer account');
  await leo.waitState('account_form', (f) => f && f.open, 'the Add account modal');
  assert.equal(await leo.state('room'), 'accounts');
  await leo.click('Cancel');
  await leo.waitState('account_form', (f) => f && !f.open, 'the Add account modal to close');
  await leo.click('Overview');
  await leo.click('Message the vendor');
  await leo.waitState('room', (r) => r === 'messages', 'the Messages room');
  await leo.close();
});
