// Deep links in a real browser: the URL names the room and the item, opening "#/deals/<id>"
// opens that deal, back and forward move between rooms and items, and a partner who edits the
// URL to another organisation's deal sees the "no access" state and none of that deal's data.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { Server, App, launchBrowser } = require('./lib/portal');

let server;
let browser;
let acmeDeal;  // Vireo ERP cloud migration (Acme)
let blueDeal;  // Nordlys smart-meter analytics (Blue Harbor)

test.before(async () => {
  server = await new Server().start();
  browser = await launchBrowser();
  // The vendor sees every deal: take the ids from there.
  const priya = await App.open(browser, server.url);
  await priya.loginAndWaitForOverview('priya.shah@northwind.example');
  const deals = await priya.waitState('deals', (d) => d && d.deals.length > 0, "the vendor's deals");
  acmeDeal = deals.deals.find((d) => d.name === 'Vireo ERP cloud migration').id;
  blueDeal = deals.deals.find((d) => d.name === 'Nordlys smart-meter analytics').id;
  await priya.close();
});
test.after(async () => {
  await browser?.close();
  await server?.stop();
});

const hash = (app) => app.page.evaluate(() => location.hash);

test('opening "#/deals/<id>" opens that deal; back and forward move between rooms and items', async () => {
  const dana = await App.open(browser, `${server.url}#/deals/${acmeDeal}`);
  await dana.loginAndWaitForOverview('dana.fischer@acme.example');
  await dana.waitState('room', (r) => r === 'deals', 'the Deals room from the link');
  assert.equal(await dana.state('selected_deal'), acmeDeal);
  await dana.waitState('deals', (d) => d && d.deals.some((x) => x.id === acmeDeal), 'the deal in the replica');
  // The side panel is open on that deal (its Close button is on screen), and no "no access".
  await dana.waitFor(() => dana.rect('Close'), "the deal's side panel");
  assert.equal(await dana.state('missing_item'), false);
  assert.equal(await hash(dana), `#/deals/${acmeDeal}`);
  await dana.screenshot('deeplink-deal');

  // Each room is a history entry.
  await dana.click('Overview');
  await dana.waitState('route', (r) => r === 'overview', 'the Overview');
  await dana.click('Leads');
  await dana.waitState('route', (r) => r === 'leads', 'the Leads room');
  assert.equal(await hash(dana), '#/leads');

  await dana.page.goBack();
  await dana.waitState('route', (r) => r === 'overview', 'back to the Overview');
  assert.equal(await hash(dana), '#/overview');
  await dana.page.goBack();
  await dana.waitState('route', (r) => r === `deals/${acmeDeal}`, 'back to the deal');
  assert.equal(await dana.state('room'), 'deals');
  await dana.waitFor(() => dana.rect('Close'), "the deal's side panel again");
  await dana.page.goForward();
  await dana.waitState('route', (r) => r === 'overview', 'forward to the Overview');
  await dana.page.goForward();
  await dana.waitState('route', (r) => r === 'leads', 'forward to Leads');

  // Closing the deal panel is a step of its own.
  await dana.page.goBack();
  await dana.page.goBack();
  await dana.waitState('route', (r) => r === `deals/${acmeDeal}`, 'the deal once more');
  await dana.click('Close');
  await dana.waitState('route', (r) => r === 'deals', 'the deal closed');
  assert.equal(await hash(dana), '#/deals');
  await dana.page.goBack();
  await dana.waitState('route', (r) => r === `deals/${acmeDeal}`, 'back opens the deal again');
  assert.deepEqual(dana.consoleErrors, []);
  await dana.close();
});

test("a partner editing the URL to another organisation's deal sees the no-access state and nothing of it", async () => {
  const dana = await App.open(browser, server.url);
  await dana.loginAndWaitForOverview('dana.fischer@acme.example');
  await dana.waitState('deals', (d) => d && d.deals.length > 0, "Acme's deals");

  await dana.page.evaluate((id) => { location.hash = `#/deals/${id}`; }, blueDeal);
  await dana.waitState('room', (r) => r === 'deals', 'the Deals room');
  await dana.waitState('missing_item', (m) => m === true, 'the no-access state');
  await dana.waitFor(() => dana.rect('missing-item'), 'the no-access message on screen');
  assert.equal(await dana.rect('Close'), null, 'no deal panel is open');
  // Nothing of Blue Harbor's deal reached this browser.
  for (const room of ['deals', 'overview', 'leads']) {
    const s = JSON.stringify(await dana.state(room));
    assert.ok(!s.includes('Nordlys'), `${room} holds no trace of the deal's name`);
    assert.ok(!s.includes('6100000'), `${room} holds no trace of the deal's value`);
  }
  await dana.screenshot('deeplink-no-access');

  // An id that does not exist at all looks exactly the same.
  await dana.page.evaluate(() => { location.hash = '#/deals/d_no_such_deal'; });
  await dana.waitState('selected_deal', (d) => d === 'd_no_such_deal', 'the unknown id');
  assert.equal(await dana.state('missing_item'), true);

  // "Back to all deals" leaves the state.
  await dana.click('Back to all deals');
  await dana.waitState('route', (r) => r === 'deals', 'the deals list');
  assert.equal(await dana.state('missing_item'), false);

  // The vendor, who may see it, opens the same link onto the deal.
  const priya = await App.open(browser, `${server.url}#/deals/${blueDeal}`);
  await priya.loginAndWaitForOverview('priya.shah@northwind.example');
  await priya.waitState('room', (r) => r === 'deals', 'the Deals room');
  await priya.waitFor(() => priya.rect('Close'), "the deal's side panel");
  assert.equal(await priya.state('missing_item'), false);
  for (const a of [dana, priya]) await a.close();
});
