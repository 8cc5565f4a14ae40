// The Customer accounts room, live on both sides: Dana (Acme) sorts her accounts by a column
// header, adds an account through the modal (an empty name is refused inline first), ticks
// one of its tasks and adds another; Priya (the partner manager) has the program-wide room open in another
// browser context and sees both without a reload. The room's snapshot holds the table rows only:
// an account's plans and tasks load when its side panel opens, and a task Dana ticks shows at
// once in Priya's open panel and in the row's count.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { Server, App, launchBrowser } = require('./lib/portal');

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

const NAME = 'Zephyr Robotics';
const row = (state, name) => state && state.rows.find((r) => r.name === name);
const names = (state) => state.rows.map((r) => r.name);

test('a partner sorts, adds an account and ticks a task; the vendor sees it live', async () => {
  const dana = await App.open(browser, server.url);
  const priya = await App.open(browser, server.url);
  await dana.loginAndWaitForOverview('dana.fischer@acme.example');
  await priya.loginAndWaitForOverview('priya.shah@northwind.example');

  // Priya keeps the program-wide room open.
  await priya.click('Customer accounts');
  const vendorBefore = await priya.waitState('accounts', (s) => s && s.count === 21, "every partner's accounts");
  assert.equal(row(vendorBefore, 'Harborview Hotels').partner, 'Blue Harbor Consulting');

  // Dana's room opens sorted by savings opportunity, largest first.
  await dana.click('Customer accounts');
  const initial = await dana.waitState('accounts', (s) => s && s.count === 12, "Acme's accounts");
  assert.equal(initial.rows[0].name, 'Fjord Savings Bank');
  const savings = initial.rows.map((r) => r.savings_minor);
  assert.deepEqual(savings, [...savings].sort((a, b) => b - a));
  assert.equal(initial.totals.savings_opportunity_minor, 55000000);
  assert.equal(initial.totals.net_missed_revenue_minor, 10700000);
  assert.equal(initial.totals.missing_cppos, 9);
  assert.equal(initial.totals.lifetime_revenue_minor, 203400000);
  // Rows carry their counts; no account's tasks are loaded before its panel opens.
  assert.ok(initial.rows.every((r) => r.tasks.length === 0));
  assert.equal(initial.totals.open_tasks, initial.rows.reduce((n, r) => n + r.open_tasks, 0));

  // A click on the "Account" header sorts by name, A first; a second click reverses it.
  await dana.click('sort:Account');
  const byName = await dana.waitState('accounts', (s) => s.sort.column === 0, 'the name order');
  assert.deepEqual(names(byName), [...names(initial)].sort());
  assert.notDeepEqual(names(byName), names(initial));
  await dana.click('sort:Account');
  const reversed = await dana.waitState('accounts', (s) => s.sort.column === 0 && s.sort.descending, 'Z first');
  assert.deepEqual(names(reversed), [...names(initial)].sort().reverse());
  await dana.click('sort:Savings opportunity');
  await dana.waitState('accounts', (s) => s.sort.column === 2 && s.sort.descending && s.rows[0].name === 'Fjord Savings Bank',
    'back to savings order');

  // An empty name is refused in the form, before anything is sent.
  await dana.click('Add account');
  await dana.waitState('account_form', (f) => f && f.open, 'the Add account form');
  await dana.click('Save account');
  const refused = await dana.waitState('account_form', (f) => f.errors.length > 0, 'the inline error');
  assert.equal(refused.errors[0].field, 'name');
  assert.equal(refused.busy, false);

  await dana.fill('Account name', NAME);
  await dana.fill('Website', 'zephyr-robotics.example');
  await dana.fill('Lifetime revenue', '25,000');
  await dana.fill('Plan name', 'Data platform, 2 years');
  await dana.fill('Plan value', '60000');
  await dana.click('Save account');
  await dana.waitState('account_form', (f) => f && !f.open, 'the form to close after the ack');
  const added = await dana.waitState('accounts', (s) => row(s, NAME), 'the new account at Acme');
  assert.equal(added.count, 13);
  assert.equal(row(added, NAME).savings_minor, 6000000);
  assert.equal(added.totals.savings_opportunity_minor, 55000000 + 6000000);

  // Priya's open room got it without a reload, with the partner's name.
  const vendorAfter = await priya.waitState('accounts', (s) => row(s, NAME), 'the new account at the vendor');
  assert.equal(vendorAfter.count, 22);
  assert.equal(row(vendorAfter, NAME).partner, 'Acme Integrations');

  // Dana finds it, opens it and ticks "Complete onboarding".
  await dana.fill('Search accounts', 'zephyr');
  await dana.waitState('accounts', (s) => s.shown === 1, 'the search result');
  await dana.click(`account:${NAME}`);
  await dana.waitState('accounts', (s) => s.selected === row(s, NAME).id, 'the side panel');
  await dana.click('task:Complete onboarding');
  const ticked = (s) => row(s, NAME)?.tasks.find((t) => t.title === 'Complete onboarding')?.status === 'done';
  await dana.waitState('accounts', ticked, 'the ticked task at Acme');
  await priya.waitState('accounts', ticked, 'the ticked task at the vendor');
  assert.equal(row(await dana.state('accounts'), NAME).open_tasks, 2);

  // And adds a business review from the panel; Priya's room follows.
  await dana.click('Add task');
  const review = (s) => row(s, NAME)?.tasks.some((t) => t.title === 'Schedule a business review' && t.status === 'open');
  await dana.waitState('accounts', review, 'the added task at Acme');
  await priya.waitState('accounts', review, 'the added task at the vendor');

  // Priya opens Orchid's panel: its plans and tasks load on open.
  const ORCHID = 'Orchid Health Clinics';
  await priya.fill('Search accounts', 'orchid');
  await priya.waitState('accounts', (s) => s.shown === 1, "Priya's search result");
  await priya.click(`account:${ORCHID}`);
  const priyaPanel = await priya.waitState('accounts', (s) => s.selected === row(s, ORCHID)?.id && row(s, ORCHID).tasks.length > 0,
    "Orchid's tasks at the vendor");
  const openBefore = row(priyaPanel, ORCHID).open_tasks;

  // The screenshot of the room: the search cleared, Orchid's panel open.
  await dana.fill('Search accounts', '');
  await dana.waitState('accounts', (s) => s.shown === 13, 'every account again');
  await dana.click(`account:${ORCHID}`);
  const danaPanel = await dana.waitState('accounts', (s) => s.selected === row(s, ORCHID).id && row(s, ORCHID).tasks.length > 0, 'the panel');
  const todo = row(danaPanel, ORCHID).tasks.find((t) => t.status === 'open');
  assert.ok(todo, 'Orchid has an open task');
  // Dana ticks it; Priya's open panel and the row's count follow without a reload.
  await dana.click(`task:${todo.title}`);
  const done = (s) => row(s, ORCHID)?.tasks.find((t) => t.id === todo.id)?.status === 'done';
  await dana.waitState('accounts', done, 'the ticked task at Acme');
  const priyaAfter = await priya.waitState('accounts', done, "the tick in Priya's open panel");
  assert.equal(row(priyaAfter, ORCHID).open_tasks, openBefore - 1);
  const shot = await dana.screenshot('accounts');
  fs.copyFileSync(shot, path.join(__dirname, '..', '..', 'docs', 'screenshots', 'accounts.png'));
  await priya.screenshot('accounts-vendor');

  for (const a of [dana, priya]) {
    assert.deepEqual(a.consoleErrors, []);
    await a.close();
  }
});
