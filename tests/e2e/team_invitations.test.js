// Team & invitations in the Contacts room, in a real browser: Dana (Acme's partner admin) opens
// Contacts, invites a colleague through the modal (the browser's own check and the server's typed
// error both show under the field), sees the invitation listed with its role and expiry, and
// revokes it after confirming; the list follows each change. Leo (a partner user) may not invite
// and does not see the section at all.
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
  assert.equal(await server?.stop(), 0, 'server exits cleanly on SIGTERM');
});

const EMAIL = 'nora.neumann@acme.example';

test('a partner admin invites someone, sees the invitation listed and revokes it', async () => {
  const dana = await App.open(browser, server.url);
  await dana.loginAndWaitForOverview('dana.fischer@acme.example');
  await dana.click('Contacts');
  await dana.waitState('room', (r) => r === 'contacts', 'the Contacts room');
  await dana.click('Team & invitations');
  const empty = await dana.waitState('invitations', (s) => s && s.loaded, 'the open invitations');
  assert.equal(empty.may_invite, true);
  assert.deepEqual(empty.items, []);
  await dana.screenshot('team-invitations-empty');

  // The browser checks the form with the shared rules before anything is sent.
  await dana.click('Invite someone');
  await dana.waitState('invitations', (s) => s.form.open, 'the Invite someone form');
  await dana.screenshot('team-invite-form');
  await dana.fill('Name', 'Nora Neumann');
  await dana.fill('E-mail', 'nora@');
  await dana.click('Send invitation');
  const local = await dana.waitState('invitations', (s) => s.form.errors.length > 0, 'the inline error');
  assert.deepEqual(local.form.errors.map((e) => e.field), ['email']);
  assert.equal(local.form.busy, false);

  // The server's typed error (a portal user already) shows under the e-mail field too.
  await dana.fill('E-mail', 'leo.martin@acme.example');
  await dana.click('Send invitation');
  const taken = await dana.waitState('invitations',
    (s) => !s.form.busy && s.form.errors.some((e) => e.message.includes('portal account')), "the server's refusal");
  assert.equal(taken.form.errors[0].field, 'email');
  await dana.screenshot('team-invite-form-error');

  // A partner offers partner roles only; Dana picks "Partner admin".
  await dana.fill('E-mail', EMAIL);
  await dana.click('Role');
  await dana.waitFor(() => dana.rect('Partner user'), 'the role choices');
  assert.equal(await dana.rect('Vendor admin'), null);
  await dana.click('Partner admin');
  await dana.click('Send invitation');
  await dana.waitState('invitations', (s) => !s.form.open, 'the form to close');
  const listed = await dana.waitState('invitations', (s) => s.loaded && s.items.length === 1, 'the new invitation listed');
  assert.equal(listed.items[0].email, EMAIL);
  assert.equal(listed.items[0].name, 'Nora Neumann');
  assert.equal(listed.items[0].role, 'partner_admin');
  const week = listed.items[0].expires_at - listed.items[0].created_at;
  assert.equal(week, 7 * 24 * 3600);
  assert.ok(!JSON.stringify(listed).includes('token'));
  assert.equal(await dana.state('toast'), `Invitation sent to ${EMAIL}`);
  await dana.screenshot('team-invitations-listed');

  // Revoke asks first; Cancel keeps it.
  await dana.click(`revoke:${EMAIL}`);
  await dana.waitState('invitations', (s) => s.confirm_open, 'the revoke question');
  await dana.screenshot('team-revoke-confirm');
  await dana.click('Cancel');
  await dana.waitState('invitations', (s) => !s.confirm_open, 'the question to close');
  assert.equal((await dana.state('invitations')).items.length, 1);

  await dana.click(`revoke:${EMAIL}`);
  await dana.waitState('invitations', (s) => s.confirm_open, 'the revoke question again');
  await dana.click('Revoke invitation');
  const gone = await dana.waitState('invitations', (s) => s.loaded && s.items.length === 0 && !s.confirm_open,
    'the list without it');
  assert.deepEqual(gone.items, []);
  assert.equal(await dana.state('toast'), `Invitation to ${EMAIL} revoked`);
  await dana.screenshot('team-invitations-revoked');
  assert.equal(dana.consoleErrors.length, 0, dana.consoleErrors.join('\n'));
  await dana.close();

  // A partner user sees the Contacts room without the section.
  const leo = await App.open(browser, server.url);
  await leo.loginAndWaitForOverview('leo.martin@acme.example');
  await leo.click('Contacts');
  await leo.waitState('room', (r) => r === 'contacts', 'the Contacts room');
  await leo.waitIdle();
  assert.equal((await leo.state('invitations')).may_invite, false);
  assert.equal(await leo.rect('Team & invitations'), null);
  assert.equal(await leo.rect('Invite someone'), null);
  await leo.close();
});

test("a vendor admin lists the vendor team's invitations and invites into a partner it picks", async () => {
  const alex = await App.open(browser, server.url);
  await alex.loginAndWaitForOverview('alex.morgan@northwind.example');
  await alex.click('Contacts');
  await alex.click('Team & invitations');
  const own = await alex.waitState('invitations', (s) => s && s.loaded, "the vendor team's invitations");
  assert.equal(own.org_id, (await alex.state('org')).id);

  // The vendor's own people are vendor roles.
  await alex.click('Invite someone');
  await alex.waitState('invitations', (s) => s.form.open, 'the form');
  await alex.click('Role');
  await alex.waitFor(() => alex.rect('Partner manager'), 'the vendor roles');
  assert.equal(await alex.rect('Partner user'), null);
  // Picking a role closes the list (Escape could close the form with it on a slow frame).
  await alex.click('Partner manager');
  await alex.waitFor(() => alex.rect('Cancel'), 'the form after picking a role');
  await alex.click('Cancel');
  await alex.waitState('invitations', (s) => !s.form.open, 'the form to close');

  // Acme, picked in the organisation list: its invitations, and an invitation into it.
  await alex.click('Partner filter');
  await alex.click('partner:Acme Integrations');
  const acme = await alex.waitState('invitations', (s) => s.loaded && s.org_id !== own.org_id, "Acme's invitations");
  await alex.click('Invite someone');
  await alex.waitState('invitations', (s) => s.form.open, 'the form for Acme');
  await alex.fill('Name', 'Paul Partner');
  await alex.fill('E-mail', 'paul.partner@acme.example');
  await alex.click('Send invitation');
  const listed = await alex.waitState('invitations',
    (s) => s.loaded && s.items.some((i) => i.email === 'paul.partner@acme.example'), 'the invitation into Acme');
  assert.equal(listed.org_id, acme.org_id);
  assert.equal(listed.items.find((i) => i.email === 'paul.partner@acme.example').role, 'partner_user');
  await alex.screenshot('team-invitations-vendor');
  assert.equal(alex.consoleErrors.length, 0, alex.consoleErrors.join('\n'));
  await alex.close();
});
