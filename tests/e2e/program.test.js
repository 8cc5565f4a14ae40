// The Partner program room in the browser: Dana (Acme) reads her tier, the KPIs toward
// Platinum and the MDF ledger, with no write control anywhere; Priya (the partner manager)
// records an MDF credit for Acme in a second context and Dana's balance and ledger follow
// without a reload. Priya starts from the summary of every partner, picks Acme in the shared
// partner filter, and her summary row and Acme's open program both follow the booking. An
// overdraft is refused in the form. The screenshot program.png (1440x900) is the one in
// docs/screenshots.
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

  // Priya opens the program: one summary row per partner, no partner's full program yet.
  await priya.click('Partner program');
  const summary = await priya.waitState('program_summary', (s) => s && s.rows.length === 3, 'the vendor summary');
  const acmeRow = summary.rows.find((r) => r.name === 'Acme Integrations');
  assert.deepEqual([acmeRow.level, acmeRow.next_level, acmeRow.mdf_balance_minor], ['Gold', 'Platinum', 678000]);
  assert.equal(acmeRow.overall_bp, a.figures.overall_bp);
  assert.equal(await priya.state('program'), null);
  await priya.waitIdle();
  assert.ok(await priya.rect('program-row:Blue Harbor Consulting'), 'a row per partner');
  assert.equal(await priya.rect('Record MDF'), null, 'no forms before a partner is picked');

  // A click on a row opens that partner; the partner filter picks another.
  await priya.click('program-row:Blue Harbor Consulting');
  await priya.waitState('program', (s) => s && s.partners[0].name === 'Blue Harbor Consulting', "Blue Harbor's program");
  await priya.click('Partner filter');
  await priya.click('partner:Acme Integrations');
  await priya.waitState('program', (s) => acme(s), "Acme's program at the vendor");
  await priya.waitState('program_summary', (s) => s.open === acmeRow.org_id, 'Acme open');
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
  // Priya's own views follow: Acme's open program and its summary row.
  await priya.waitState('program', (s) => acme(s)?.figures.mdf_balance_minor === 678000 + 250000, "Acme's detail at the vendor");
  await priya.waitState('program_summary',
    (s) => s.rows.find((r) => r.name === 'Acme Integrations').mdf_balance_minor === 678000 + 250000, 'the summary row');

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

  // Back to every partner: the summary, live as well.
  await priya.click('Partner filter');
  await priya.click('partner:All partners');
  await priya.waitState('program_summary', (s) => s.open === '', 'the summary again');
  // The vendor's summary at 1440x900 is docs/screenshots/program-vendor.png.
  await priya.page.setViewportSize({ width: 1440, height: 900 });
  await priya.waitIdle();
  const shot = await priya.screenshot('program-summary');
  fs.copyFileSync(shot, path.join(__dirname, '..', '..', 'docs', 'screenshots', 'program-vendor.png'));

  for (const app of [dana, priya]) {
    assert.deepEqual(app.consoleErrors, []);
    await app.close();
  }
});
