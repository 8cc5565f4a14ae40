// Invitations in a real browser: a partner admin invites a colleague; the server (without an
// SMTP relay) writes the mail as an .eml file into <data dir>/mail/; the test reads the link
// from that file, opens it, sets a password and lands logged in on the Overview. A used link
// then says so instead of showing the form.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { Server, App, launchBrowser, sleep } = require('./lib/portal');
const { runAs } = require('./lib/ws_commands');

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

// The text of the first .eml file in the server's mail folder that mentions `to`.
async function mailTo(to) {
  const dir = path.join(server.dataDir, 'mail');
  for (let i = 0; i < 100; ++i) {
    if (fs.existsSync(dir)) {
      for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.eml'))) {
        const text = fs.readFileSync(path.join(dir, f), 'utf8');
        if (text.includes(`<${to}>`)) return text;
      }
    }
    await sleep(100);
  }
  throw new Error(`no mail to ${to} in ${dir}`);
}

test('an invited colleague opens the mailed link, sets a password and is logged in', async () => {
  const answer = await runAs(browser, server.url, 'dana.fischer@acme.example', 'portal-demo-2026',
    'invitation.create', { email: 'nina.invited@acme.example', name: 'Nina Invited', role: 'partner_user' });
  assert.equal(answer.t, 'ack', JSON.stringify(answer));

  const mail = await mailTo('nina.invited@acme.example');
  assert.match(mail, /^Subject: You are invited to the Partner Portal of Acme Integrations\r$/m);
  const link = mail.match(/(http:\/\/\S+\/#\/invite\/[A-Za-z0-9_-]{43})/);
  assert.ok(link, `an invitation link in:\n${mail}`);
  assert.ok(link[1].startsWith(server.url.replace(/\/$/, '')), `${link[1]} points at this server`);

  const app = await App.open(browser, link[1]);
  await app.waitState('screen', (s) => s === 'invite', 'the invitation screen');
  await app.waitFor(() => app.rect('Set password and log in'), 'the invitation form');
  assert.equal(await app.state('screen'), 'invite');
  await app.screenshot('invite');

  // Two different passwords are caught in place, before anything is sent.
  await app.fill('Your name', 'Nina Invited');
  await app.fill('Password', 'nina-secret-2026');
  await app.fill('Repeat password', 'nina-secret-2027');
  await app.click('Set password and log in');
  assert.equal(await app.state('screen'), 'invite');
  await app.screenshot('invite-mismatch');

  await app.fill('Repeat password', 'nina-secret-2026');
  await app.click('Set password and log in');
  await app.waitState('screen', (s) => s === 'app', 'the app shell after accepting', 20000);
  const o = await app.waitState('overview', (v) => v && typeof v.leads_submitted === 'number', 'the Overview');
  assert.equal(o.org_name, 'Acme Integrations');
  const user = await app.state('user');
  assert.equal(user.email, 'nina.invited@acme.example');
  assert.equal(user.name, 'Nina Invited');
  assert.equal(user.role, 'partner_user');
  assert.equal(await app.state('room'), 'overview');
  await app.screenshot('invite-accepted');
  assert.equal(app.consoleErrors.length, 0, app.consoleErrors.join('\n'));
  await app.close();

  // The link was for one use: opening it again explains that, with the way to the log-in.
  const again = await App.open(browser, link[1]);
  await again.waitFor(() => again.rect('Go to log-in'), 'the used-link notice');
  await again.screenshot('invite-used');
  await again.click('Go to log-in');
  await again.waitState('screen', (s) => s === 'login', 'the log-in screen');
  await again.close();

  // And the password Nina chose works for a normal log-in.
  const login = await App.open(browser, server.url);
  await login.loginAndWaitForOverview('nina.invited@acme.example', 'nina-secret-2026');
  await login.close();
});
