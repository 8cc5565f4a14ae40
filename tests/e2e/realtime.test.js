// Real time: a lead submitted in one browser shows up in another user's Overview at once, and
// the vendor's partner manager sees it too; another partner never does.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { Server, App, launchBrowser, sleep } = require('./lib/portal');

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

test('a lead submitted by one partner user updates a colleague\'s Overview live', async () => {
  const dana = await App.open(browser, server.url);
  const leo = await App.open(browser, server.url);
  const maya = await App.open(browser, server.url);
  const before = await dana.loginAndWaitForOverview('dana.fischer@acme.example');
  await leo.loginAndWaitForOverview('leo.martin@acme.example');
  const blueBefore = await maya.loginAndWaitForOverview('maya.chen@blueharbor.example');

  // A form with a bad e-mail is refused in place, and nothing is submitted.
  await leo.click('Submit lead');
  await leo.waitState('lead_form', (f) => f && f.open, 'the lead form');
  await leo.fill('Company', 'Globex Analytics');
  await leo.fill('Contact name', 'Hanna Weber');
  await leo.fill('Contact e-mail', 'hanna at globex');
  await leo.click('Submit');
  const invalid = await leo.waitState('lead_form', (f) => f && f.errors.length > 0, 'inline validation');
  assert.deepEqual(invalid.errors.map((e) => e.field), ['email']);
  await leo.screenshot('lead-form-invalid');

  await leo.fill('Contact e-mail', 'hanna.weber@globex.example');
  await leo.fill('Estimated value', '45000');
  await leo.click('Submit');
  await leo.waitState('lead_form', (f) => f && !f.open, 'the form to close after the ack');

  const after = await dana.waitState('overview', (o) => o.leads_submitted === before.leads_submitted + 1,
    "Dana's Overview to count the new lead");
  assert.equal(after.leads_open, before.leads_open + 1);
  assert.equal(after.recent_leads[0].company, 'Globex Analytics');
  assert.equal(after.recent_leads[0].value_minor, 4500000);
  await dana.screenshot('overview-live-update');

  // Another partner's Overview does not move.
  await sleep(500);
  const blueAfter = await maya.state('overview');
  assert.deepEqual(blueAfter, blueBefore);

  for (const a of [dana, leo, maya]) await a.close();
});

test('an idle tab stops drawing', async () => {
  const app = await App.open(browser, server.url);
  await app.loginAndWaitForOverview('dana.fischer@acme.example');
  await app.waitIdle();
  await sleep(300);
  const frames = await app.state('frames');
  await sleep(2000);
  assert.equal(await app.state('frames'), frames, 'no frames drawn in 2 s of idle');
  // Input wakes it up again.
  await app.page.mouse.move(400, 400);
  await app.waitFor(async () => (await app.state('frames')) > frames, 'a frame after input');
  await app.close();
});
