// The Partner program room in the browser: Dana (Acme) reads her tier, the KPIs toward
// Platinum and the MDF ledger, with no write control anywhere; Priya (the partner manager)
// records an MDF credit for Acme in a second context and Dana's balance and ledger follow
// without a reload. An overdraft is refused in the form. The screenshot program.png (1440x900)
// is the one in docs/screenshots.
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
  await server?.stop();
});

const acme = (state) => state && state.partners.find((p) => p.name === 'Acme Integrations');

test('a partner reads its program; a vendor MDF credit reaches it live', async () => {
  const dana = await App.open(browser, server.url);
  // The vendor's window is tall enough to show the whole room without scrolling.
  const priya = await App.open(browser, server.url, { width: 1440, height: 2000 });
  await dana.loginAndWaitForOverview('dana.fischer@acme.example');
  await priya.loginAndWaitForOverview('priya.shah@northwind.example');

  // Dana opens the room from the navigation and sees Acme's program only.
  await dana.click('Partner program');
  const mine = await dana.waitState('program', (s) => s && s.partners.length === 1, "Acme's program");
  const a = mine.partners[0];
  assert.equal(a.name, 'Acme Integrations');
  assert.equal(a.partnership.level, 'Gold');
  assert.equal(a.partnership.conditions.revenue_share_bp, 1500);
  assert.equal(a.figures.next_level, 'Platinum');
  assert.deepEqual(a.figures.next_progress.map((k) => [k.kind, k.value, k.threshold, k.met]), [
    ['leads_count', 8, 12, false],
    ['opportunities_count', 6, 6, true],
    ['opportunities_amount', 17900000, 20000000, false],
    ['revenue_amount', 6400000, 10000000, false],
    ['certifications_count', 2, 3, false],
  ]);
  assert.equal(a.figures.mdf_balance_minor, 678000);
  assert.equal(a.ledger.length, 6);
  // Read-only: none of the vendor's controls is drawn for a partner.
  await dana.waitIdle();
  for (const label of ['Record MDF', 'New activity', 'Partner picker', 'Record credit',
    'progress:Dana Fischer:Data Platform Architecture']) {
    assert.equal(await dana.rect(label), null, `${label} must not be on a partner's screen`);
  }

  // Priya opens the program, Acme first; records a credit through the form.
  await priya.click('Partner program');
  await priya.waitState('program', (s) => acme(s), 'the program at the vendor');
  assert.ok(await priya.waitFor(() => priya.rect('Partner picker'), 'the partner picker'));
  await priya.click('Record MDF');
  await priya.waitState('program_form', (f) => f && f.form === 1, 'the MDF form');

  // An overdraft is answered in the form and nothing is booked.
  await priya.click('Debit');
  await priya.fill('MDF amount', '99000');
  await priya.fill('MDF description', 'Too big a booth');
  await priya.click('Record debit');
  const refused = await priya.waitState('program_form', (f) => f && f.errors.length > 0, 'the overdraft refusal');
  assert.match(refused.errors[0].message, /below zero/);

  await priya.click('Credit');
  await priya.fill('MDF amount', '2,500');
  await priya.fill('MDF description', 'Spring campaign top-up');
  await priya.click('Record credit');
  await priya.waitState('program_form', (f) => f && f.form === 0 && !f.pending, 'the form to close after the ack');
  await priya.waitState('toast', (t) => t === 'MDF credit recorded for Acme Integrations', 'the confirmation');

  // Dana's room follows without a reload: balance and the newest ledger row.
  const after = await dana.waitState('program',
    (s) => s && s.partners[0].figures.mdf_balance_minor === 678000 + 250000, "Dana's new balance");
  const top = after.partners[0].ledger[0];
  assert.equal(top.description, 'Spring campaign top-up');
  assert.equal(top.direction, 'credit');
  assert.equal(top.amount.minor, 250000);
  assert.equal(after.partners[0].ledger.length, 7);

  // One more module of Dana's architecture course, from the vendor's "+" on her row.
  await priya.click('progress:Dana Fischer:Data Platform Architecture');
  const course = (s) => s && s.partners[0].enrolments.find((e) => e.user_name === 'Dana Fischer'
    && e.progress.completed_modules === 6 && e.progress.completed_at === 0);
  await dana.waitState('program', course, "Dana's progress 6 of 8");

  await priya.screenshot('program-vendor');
  await dana.screenshot('program');

  for (const app of [dana, priya]) {
    assert.deepEqual(app.consoleErrors, []);
    await app.close();
  }
});
