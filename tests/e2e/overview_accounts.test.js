// The Overview's customer-accounts parts in a real browser: the success-metric tiles, the
// available tasks and the new-accounts leaderboard are drawn; an account added in a second
// browser changes them without a reload; a task opens its account (with a deep link) and,
// ticked off elsewhere, leaves the list. The vendor's audience picker searches every partner.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { Server, App, launchBrowser, PASSWORD } = require('./lib/portal');
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

test('success metrics, tasks and the new-accounts board are live; a task opens its account', async () => {
  const dana = await App.open(browser, server.url);
  const o = await dana.loginAndWaitForOverview(DANA);
  // Acme's twelve demo accounts, as the Customer accounts room adds them up.
  assert.equal(o.accounts.accounts, 12);
  assert.equal(o.accounts.savings_opportunity_minor, 55000000);
  assert.equal(o.accounts.lifetime_revenue_minor, 203400000);
  assert.ok(o.accounts.tasks.length > 0, 'Acme has open tasks');
  assert.ok(await dana.rect('Success metrics'), 'the success-metric tiles are drawn');
  assert.ok(await dana.rect('Available tasks'), 'the available tasks are drawn');
  assert.ok(await dana.rect(`task:${o.accounts.tasks[0].id}`), 'the most urgent task is drawn');

  // The new-accounts board: Acme by name, everyone else anonymised and without counts.
  await dana.click('New accounts');
  await dana.waitFor(() => dana.rect('Leaderboard: new accounts'), 'the new-accounts board');
  const own = o.accounts_board.rows.find((r) => r.is_viewer);
  assert.equal(own.name, 'Acme Integrations');
  for (const r of o.accounts_board.rows.filter((x) => !x.is_viewer)) {
    assert.match(r.name, /^Partner #\d$/);
    assert.equal(r.value_minor, undefined);
  }

  // Leo, in a second browser, adds an account through the quick action's modal.
  const leo = await App.open(browser, server.url);
  await leo.loginAndWaitForOverview('leo.martin@acme.example');
  await leo.click('Add customer account');
  await leo.waitState('account_form', (f) => f && f.open, 'the Add account modal');
  await leo.fill('Account name', 'Zephyr Robotics');
  await leo.fill('Lifetime revenue', '25,000');
  await leo.fill('Plan name', 'Data platform, 2 years');
  await leo.fill('Plan value', '60000');
  await leo.click('Save account');
  await leo.waitState('account_form', (f) => f && !f.open, 'the modal to close after the ack');

  // Dana's tiles, tasks and board change without a reload.
  const after = await dana.waitState('overview', (s) => s.accounts.accounts === 13,
    'the new account to reach Dana live');
  assert.equal(after.accounts.savings_opportunity_minor, 55000000 + 6000000);
  assert.equal(after.accounts.lifetime_revenue_minor, 203400000 + 2500000);
  assert.equal(after.accounts.missing_cppos, o.accounts.missing_cppos + 1);
  assert.ok(after.accounts.open_tasks > o.accounts.open_tasks, 'the starter tasks are counted');
  const moved = await dana.waitState('overview',
    (s) => s.accounts_board.rows.find((r) => r.is_viewer).value_minor === own.value_minor + 1,
    "Acme's new-accounts count to move live");
  assert.ok(!JSON.stringify(moved).includes('Blue Harbor'), 'no other partner is named');
  await dana.screenshot('overview-accounts-board');

  // Clicking a task opens its account in Customer accounts, with a deep link.
  const task = after.accounts.tasks[0];
  await dana.click(`task:${task.id}`);
  await dana.waitState('room', (r) => r === 'accounts', 'the Customer accounts room');
  await dana.waitState('accounts', (a) => a && a.selected === task.account_id, 'the task\'s account open');
  await dana.waitState('route', (r) => r === `accounts/${task.account_id}`, 'the deep link');
  await dana.screenshot('overview-task-opened');

  // Ticking that task off (Leo) removes it from Dana's Overview live.
  await dana.click('Overview');
  await runAs(browser, server.url, 'leo.martin@acme.example', PASSWORD, 'account.task_set_status',
    { task_id: task.id, status: 'done' });
  await dana.waitState('overview', (s) => !s.accounts.tasks.some((t) => t.id === task.id),
    'the ticked task to leave the list');
  assert.deepEqual(dana.consoleErrors, []);
  for (const a of [dana, leo]) await a.close();
});

test('the audience picker finds any partner by name; partners may not search', async () => {
  const priya = await App.open(browser, server.url);
  await priya.loginAndWaitForOverview(PRIYA);
  await priya.click('Post announcement');
  await priya.waitState('announcement_form', (f) => f && f.open && f.searched === '' && f.results.length > 0,
    'the first partners listed');
  await priya.fill('Find a partner', 'cedar');
  const found = await priya.waitState('announcement_form', (f) => f.searched === 'cedar' && f.results.length === 1,
    'the search to answer');
  assert.deepEqual(found.results, ['Cedar Analytics']);
  await priya.click('Audience: Cedar Analytics');
  const chosen = await priya.waitState('announcement_form', (f) => f.audience !== 'all', 'Cedar chosen');
  assert.match(chosen.audience, /\S/);
  await priya.fill('Find a partner', 'no such partner');
  await priya.waitState('announcement_form', (f) => f.searched === 'no such partner' && f.results.length === 0,
    'no match');
  await priya.click('Cancel');
  await priya.waitState('announcement_form', (f) => f && !f.open, 'the form to close');

  const refused = await runAs(browser, server.url, DANA, PASSWORD, 'partners.search', { query: 'a' });
  assert.equal(refused.code, 'forbidden');
  await priya.close();
});
