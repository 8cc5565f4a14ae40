// Rooms per partnership in the browser: Maya (Blue Harbor) works in Leads when the vendor's
// admin switches Leads off for her partnership. Her screen leaves the room at once, the
// navigation no longer offers it, a toast says why, and a deep link to it lands on the Overview.
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

const ALL_BUT_LEADS = ['deals', 'accounts', 'program', 'resources', 'projects', 'brand', 'files',
  'contacts', 'custom'];

test('a room switched off leaves a partner\'s screen and navigation at once', async () => {
  const maya = await App.open(browser, server.url);
  await maya.loginAndWaitForOverview('maya.chen@blueharbor.example');
  assert.ok((await maya.state('rooms')).includes('leads'));

  // Her partnership's id, from her own program.
  await maya.click('Partner program');
  const program = await maya.waitState('program', (s) => s && s.partners.length === 1, 'her program');
  const partnershipId = program.partners[0].partnership.id;
  assert.ok(partnershipId, 'the program names the partnership');

  await maya.click('Leads');
  await maya.waitState('room', (r) => r === 'leads', 'the Leads room');
  await maya.waitState('leads', (l) => l && l.leads.length > 0, "Blue Harbor's leads");

  // Alex, the vendor's admin, keeps every room but Leads for Blue Harbor.
  const ack = await runAs(browser, server.url, 'alex.morgan@northwind.example', PASSWORD,
    'partnership.set_rooms', { partnership_id: partnershipId, rooms: ALL_BUT_LEADS });
  assert.equal(ack.t, 'ack', JSON.stringify(ack));

  await maya.waitState('room', (r) => r === 'overview', 'Maya to land on the Overview');
  const rooms = await maya.state('rooms');
  assert.ok(!rooms.includes('leads'), `Leads left the navigation: ${rooms}`);
  assert.ok(rooms.includes('deals') && rooms.includes('messages'));
  assert.equal(await maya.state('leads'), null, 'the Leads data is gone from the page');
  const toast = await maya.state('toast');
  assert.match(JSON.stringify(toast), /no longer includes Leads/);
  await maya.screenshot('partnership-room-closed');

  // A fresh page with a deep link to Leads opens the Overview instead.
  const again = await App.open(browser, `${server.url}#/leads`);
  await again.loginAndWaitForOverview('maya.chen@blueharbor.example');
  assert.equal(await again.state('room'), 'overview');
  assert.ok(!(await again.state('rooms')).includes('leads'));
});
