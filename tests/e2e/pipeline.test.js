// The pipeline, live on both sides: Dana (Acme) submits a lead, Priya (the partner manager)
// qualifies and converts it, wins the deal and records the payout; Dana's Leads, Deals and
// Overview follow without a reload, with notifications. A duplicate gets the conflict answer.
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

const COMPANY = 'Aurora Robotics';

async function submitLead(app, company, email) {
  await app.click('Submit lead');
  await app.waitState('lead_form', (f) => f && f.open, 'the lead form');
  await app.fill('Company', company);
  await app.fill('Contact name', 'Ines Vogel');
  await app.fill('Contact e-mail', email);
  await app.fill('Estimated value', '20000');
  await app.click('Submit');
}

const row = (state, company) => state && state.leads.find((l) => l.company === company);
const deal = (state, name) => state && state.deals.find((d) => d.name === name);

test('a lead moves from submission to a paid deal, live for the partner and the vendor', async () => {
  const dana = await App.open(browser, server.url);
  const priya = await App.open(browser, server.url);
  const before = await dana.loginAndWaitForOverview('dana.fischer@acme.example');
  await priya.loginAndWaitForOverview('priya.shah@northwind.example');

  // Dana submits from the Leads room.
  await dana.click('Leads');
  await dana.waitState('leads', (s) => s && s.leads.length === 8, "Acme's leads");
  await submitLead(dana, COMPANY, 'ines.vogel@aurora-robotics.example');
  await dana.waitState('lead_form', (f) => f && !f.open, 'the form to close after the ack');
  await dana.waitState('leads', (s) => row(s, COMPANY)?.stage === 'submitted', 'the new lead in Leads');
  await dana.screenshot('leads-partner');

  // Priya sees it with the partner's name, and qualifies it.
  await priya.click('Leads');
  const vendorLeads = await priya.waitState('leads', (s) => row(s, COMPANY), 'the lead at the vendor');
  assert.equal(row(vendorLeads, COMPANY).partner, 'Acme Integrations');
  assert.equal(row(vendorLeads, COMPANY).expected_commission_minor, 300000);
  await priya.click(`lead:${COMPANY}`);
  await priya.click('Qualify');
  await dana.waitState('leads', (s) => row(s, COMPANY)?.stage === 'qualified', 'the stage change at Acme');
  const notes = await dana.waitState('notifications', (n) => n.includes(`${COMPANY} moved to Qualified`),
    'the stage-change notification');
  assert.ok(notes.length >= 1);
  await priya.screenshot('leads-vendor');

  // Converted: the deal appears in both Deals rooms.
  await priya.click('Convert to deal');
  await dana.waitState('deals', (s) => deal(s, COMPANY)?.stage === 'qualification', 'the new deal at Acme');
  await priya.click('Deals');
  await priya.waitState('deals', (s) => deal(s, COMPANY), 'the new deal at the vendor');
  await priya.click(`deal:${COMPANY}`);
  await priya.click('Mark won');
  await dana.waitState('notifications', (n) => n.includes(`Deal won: ${COMPANY}`), 'the win notification');
  await priya.click('Record payout');
  await priya.waitState('deals', (s) => deal(s, COMPANY)?.commission_paid === true, 'the payout');
  await priya.screenshot('deals-vendor-board');
  await priya.click('Table');
  await priya.screenshot('deals-vendor-table');

  // Dana's Overview moved without a reload: one more lead, 15 % of €20,000 earned.
  await dana.click('Overview');
  const after = await dana.waitState('overview',
    (o) => o.commission_earned_minor === before.commission_earned_minor + 300000, "Dana's commission");
  assert.equal(after.leads_submitted, before.leads_submitted + 1);
  assert.equal(after.deals_in_progress, before.deals_in_progress);
  assert.equal(after.commission_pending_minor, before.commission_pending_minor);

  // Dana notes the win on the deal; Priya's panel gets the note.
  await dana.click('Deals');
  await dana.click(`deal:${COMPANY}`);
  await dana.fill('Note', 'Kick-off on Monday.');
  await dana.click('Add note');
  await priya.waitState('deals', (s) => deal(s, COMPANY)?.note_list.some((n) => n.body === 'Kick-off on Monday.'),
    'the note at the vendor');
  await dana.screenshot('deals-partner');

  for (const a of [dana, priya]) {
    assert.deepEqual(a.consoleErrors, []);
    await a.close();
  }
});

test('a duplicate lead gets the conflict answer, naming no other partner', async () => {
  const maya = await App.open(browser, server.url);
  await maya.loginAndWaitForOverview('maya.chen@blueharbor.example');
  await maya.click('Leads');
  await maya.waitState('room', (r) => r === 'leads', 'the Leads room');
  await maya.waitIdle();
  await submitLead(maya, 'Brightline Logistics', 'someone@brightline.example');
  const form = await maya.waitState('lead_form', (f) => f && f.errors.length > 0, 'the conflict answer');
  const message = form.errors.map((e) => e.message).join(' ');
  assert.match(message, /registered/i);
  assert.doesNotMatch(message, /Acme/);
  await maya.screenshot('lead-conflict');
  await maya.close();
});
