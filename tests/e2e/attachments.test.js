// Message attachments in real browsers: Dana (Acme) picks an image and a PDF with the paperclip
// button, watches them upload, and sends them; Leo (Acme) sees the image inline (fetched with his
// session, decoded by the browser and drawn as a texture) and the PDF as a chip. The room is
// screenshotted for docs/screenshots/messages-attachment.png.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
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

// [SECTION] A PNG made here: a trade-fair booth of sorts (sky, floor, a stand with a banner).

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function boothPng(w, h) {
  const raw = Buffer.alloc((w * 4 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 4 + 1)] = 0;  // filter: none
    for (let x = 0; x < w; x++) {
      const t = y / h;
      let r = 79 + (14 - 79) * t, g = 70 + (147 - 70) * t, b = 229 + (132 - 229) * t;  // indigo to teal
      if (y > h * 0.72) { r = 226; g = 232; b = 240; }                                   // floor
      const inStand = x > w * 0.18 && x < w * 0.82 && y > h * 0.3 && y < h * 0.78;
      if (inStand) { r = 255; g = 255; b = 255; }
      const inBanner = x > w * 0.24 && x < w * 0.76 && y > h * 0.36 && y < h * 0.5;
      if (inBanner) { r = 79; g = 70; b = 229; }
      const inLogo = (x - w * 0.5) ** 2 + (y - h * 0.62) ** 2 < (h * 0.08) ** 2;
      if (inLogo) { r = 253; g = 176; b = 34; }
      // Noise makes the file big enough for its upload to take a moment.
      const n = ((x * 7919 + y * 104729) % 13) - 6;
      const o = y * (w * 4 + 1) + 1 + x * 4;
      raw[o] = Math.max(0, Math.min(255, r + n));
      raw[o + 1] = Math.max(0, Math.min(255, g + n));
      raw[o + 2] = Math.max(0, Math.min(255, b + n));
      raw[o + 3] = 255;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;   // bit depth
  ihdr[9] = 6;   // RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw, { level: 0 })), chunk('IEND', Buffer.alloc(0))]);
}

// [SECTION] Helpers

async function openChannel(app) { return app.openConversation('Acme \u00d7 Northwind'); }

const last = (c) => c.messages.filter((m) => !m.parent_id).slice(-1)[0];

// Picks one small file with the composer's "Attach file" and waits for its upload to finish.
async function attachOne(app, name, mimeType, text) {
  const chooser = app.page.waitForEvent('filechooser', {timeout: 10000});
  await app.click('Attach file');
  await (await chooser).setFiles([{name, mimeType, buffer: Buffer.from(text)}]);
  await app.waitState(
      'attachments', (a) => a.pending.some((p) => p.name === name && p.status === 'done'),
      `${name} uploaded`);
}

test('Dana attaches an image and a PDF; Leo sees the image inline and the PDF as a chip', async () => {
  const dana = await App.open(browser, server.url);
  const leo = await App.open(browser, server.url);
  await dana.loginAndWaitForOverview('dana.fischer@acme.example');
  await leo.loginAndWaitForOverview('leo.martin@acme.example');
  await openChannel(dana);
  await openChannel(leo);

  // A slow uplink, so the progress bar has time to show (the throttle applies to request bodies).
  const cdp = await dana.page.context().newCDPSession(dana.page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions',
    { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 1024 * 1024 });

  const png = boothPng(640, 400);
  const files = [
    { name: 'Booth at Cloud Summit.png', mimeType: 'image/png', buffer: png },
    { name: 'Booth plan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% booth plan\n'.repeat(40)) },
  ];
  // The paperclip opens the browser's file chooser, as it does for a user.
  const chooser = dana.page.waitForEvent('filechooser', { timeout: 10000 });
  await dana.click('Attach file');
  await (await chooser).setFiles(files);

  // Progress shows while the image travels, then both files are ready.
  await dana.waitFor(async () => {
    const a = await dana.state('attachments');
    return a.pending.some((p) => p.status === 'uploading' && p.sent < p.size) && await dana.rect('Upload progress');
  }, 'the progress bar of an upload in progress');
  await dana.screenshot('messages-attachment-uploading');
  const ready = await dana.waitState('attachments',
    (a) => a.pending.length === 2 && a.pending.every((p) => p.status === 'done'), 'both uploads done', 30000);
  assert.equal(ready.pending.find((p) => p.name.endsWith('.png')).sent, png.length);
  await cdp.send('Network.emulateNetworkConditions',
    { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

  await dana.fill('Message', 'Photos from the booth, and the plan for next year');
  await dana.page.keyboard.press('Enter');
  const sent = await dana.waitState('conversation',
    (c) => last(c) && last(c).attachments && last(c).attachments.length === 2, 'the sent message with its files');
  assert.deepEqual(last(sent).attachments.map((a) => a.name), ['Booth at Cloud Summit.png', 'Booth plan.pdf']);
  assert.deepEqual((await dana.state('attachments')).pending, [], 'the composer is empty again');

  // Leo's screen: the message with the image drawn inline and the PDF as a chip.
  const seen = await leo.waitState('conversation',
    (c) => last(c) && (last(c).attachments || []).length === 2, 'Dana\'s message on Leo\'s screen');
  assert.equal(last(seen).body, 'Photos from the booth, and the plan for next year');
  assert.equal(last(seen).attachments[0].content_type, 'image/png');
  assert.equal(last(seen).attachments[0].size_bytes, png.length);
  await leo.waitState('attachments', (a) => a.images_ready >= 1, 'the image decoded into a texture');
  const image = await leo.waitFor(() => leo.rect('image:Booth at Cloud Summit.png'), 'the inline image');
  // A thumbnail: at most 280 x 200 px, with the image's aspect ratio (640 x 400).
  assert.ok(image.w <= 280 && image.h <= 200 && image.w >= 200, JSON.stringify(image));
  assert.ok(Math.abs(image.w / image.h - 1.6) < 0.05, JSON.stringify(image));
  assert.ok(await leo.rect('file:Booth plan.pdf'), 'the PDF chip');

  const shot = await leo.screenshot('messages-attachment');
  const docs = path.join(__dirname, '..', '..', 'docs', 'screenshots');
  fs.mkdirSync(docs, { recursive: true });
  fs.copyFileSync(shot, path.join(docs, 'messages-attachment.png'));
  assert.deepEqual(dana.consoleErrors, []);
  assert.deepEqual(leo.consoleErrors, []);
  await dana.close();
  await leo.close();
});

test(
    'more files than a message may carry: every chip shows, the composer says why, and nothing is lost',
    async () => {
      const dana = await App.open(browser, server.url);
      await dana.loginAndWaitForOverview('dana.fischer@acme.example');
      await openChannel(dana);

      const files =
          Array.from({length: 11}, (_, i) => ({
                                     name: `Brief ${String(i + 1).padStart(2, '0')}.txt`,
                                     mimeType: 'text/plain',
                                     buffer: Buffer.from(`Campaign brief number ${i + 1}\n`),
                                   }));
      const chooser = dana.page.waitForEvent('filechooser', {timeout: 10000});
      await dana.click('Attach file');
      await (await chooser).setFiles(files);
      const ready = await dana.waitState(
          'attachments',
          (a) => a.pending.length === 11 && a.pending.every((p) => p.status === 'done'),
          'all eleven uploads done', 30000);
      assert.equal(ready.problem, 'A message can carry at most 10 files: remove 1 of them.');
      // Every file has its chip on screen (rows of them), so each can be removed.
      for (const f of files)
        assert.ok(await dana.rect(`Remove ${f.name}`), `the chip of ${f.name}`);

      // Sending now is refused in the composer: the text and the files stay.
      const body = 'The eleven briefs for the spring campaign';
      const before = (await dana.state('conversation')).messages.length;
      await dana.fill('Message', body);
      await dana.page.keyboard.press('Enter');
      await dana.screenshot('messages-too-many-files');
      await dana.waitIdle();
      assert.equal((await dana.state('conversation')).messages.length, before, 'nothing was sent');
      assert.equal((await dana.state('messages_ui')).draft, body, 'the draft is kept');
      assert.equal((await dana.state('attachments')).pending.length, 11, 'the files are kept');

      // One removed, the message goes out with the other ten.
      await dana.click('Remove Brief 11.txt');
      await dana.waitState(
          'attachments', (a) => a.pending.length === 10 && a.problem === '', 'ten files left');
      await dana.click('Message');
      await dana.page.keyboard.press('Enter');
      const sent = await dana.waitState(
          'conversation', (c) => last(c) && last(c).body === body,
          'the message with its ten files');
      assert.deepEqual(
          last(sent).attachments.map((a) => a.name), files.slice(0, 10).map((f) => f.name));
      assert.deepEqual(dana.consoleErrors, []);
      await dana.close();
    });

test(
    'what is written and attached stays with its conversation: switching away and back, and a reload',
    async () => {
      const dana = await App.open(browser, server.url);
      try {
        await dana.loginAndWaitForOverview('dana.fischer@acme.example');
        await openChannel(dana);

        // Half a message to the channel, with a file.
        await attachOne(
            dana, 'Webinar plan.txt', 'text/plain',
            'Two webinars: ERP migrations, data residency\n');
        const forChannel = 'Plan for the two webinars, see the file';
        await dana.fill('Message', forChannel);

        // Priya's conversation starts empty, and what goes to her carries no file of the channel.
        await dana.click('conversation:Priya Shah');
        await dana.waitState('conversation', (c) => c && c.title === 'Priya Shah', 'Priya');
        assert.equal((await dana.state('messages_ui')).draft, '', 'her composer is empty');
        assert.deepEqual((await dana.state('attachments')).pending, [], 'no file in hers');
        await dana.screenshot('messages-draft-kept');
        const forPriya = 'Quick one: are you free on Thursday?';
        await dana.fill('Message', forPriya);
        await dana.page.keyboard.press('Enter');
        const toPriya = await dana.waitState(
            'conversation', (c) => last(c) && last(c).body === forPriya, 'the message to Priya');
        assert.deepEqual(last(toPriya).attachments || [], [], 'sent without the channel\'s file');

        // Back in the channel: the text and the file are where they were, and go out together.
        await dana.click(`conversation:Acme \u00d7 Northwind`);
        await dana.waitState(
            'messages_ui', (u) => u.draft === forChannel, 'the channel\'s draft back');
        assert.deepEqual(
            (await dana.state('attachments')).pending.map((p) => p.name), ['Webinar plan.txt']);
        await dana.click('Message');
        await dana.page.keyboard.press('Enter');
        const sent = await dana.waitState(
            'conversation', (c) => last(c) && last(c).body === forChannel, 'the channel message');
        assert.deepEqual(last(sent).attachments.map((a) => a.name), ['Webinar plan.txt']);

        // A draft outlives a reload, its file included; a sent one does not come back.
        const unfinished = 'Unfinished: the budget for the second webinar';
        await dana.fill('Message', unfinished);
        await attachOne(dana, 'Budget.csv', 'text/csv', 'item,eur\nads,1200\nspeaker,800\n');
        await dana.click('conversation:Priya Shah');
        await dana.waitState('messages_ui', (u) => u.draft === '', 'Priya\'s composer');
        const reload = async () => {
          await dana.page.reload();
          await dana.page.waitForFunction(() => window.ppReady === true, null, {timeout: 30000});
          await dana.waitState('screen', (s) => s === 'app', 'the resumed session');
        };
        // A draft of a conversation Dana no longer has (as after being taken out of it).
        await dana.page.evaluate(() => {
          const saved = JSON.parse(localStorage.getItem('pp.drafts'));
          saved.drafts['c_gone'] = 'For a conversation that is gone';
          saved.files['c_gone'] =
              [{upload_id: 'up_gone', name: 'Old.pdf', size: 10, content_type: ''}];
          localStorage.setItem('pp.drafts', JSON.stringify(saved));
        });
        await reload();
        await openChannel(dana);
        await dana.waitState(
            'messages_ui', (u) => u.draft === unfinished, 'the draft after a reload');
        await dana.page.waitForFunction(() => {
          const saved = JSON.parse(localStorage.getItem('pp.drafts'));
          return !('c_gone' in saved.drafts) && !('c_gone' in saved.files);
        }, null, {timeout: 10000});  // the gone conversation's draft leaves the storage
        const back = await dana.waitState(
            'attachments', (a) => a.pending.length === 1, 'the draft\'s file after a reload');
        assert.deepEqual(
            back.pending.map((p) => [p.name, p.status]), [['Budget.csv', 'done']],
            'the file is back, ready to go');
        await dana.screenshot('messages-draft-file-kept');
        await dana.click('conversation:Priya Shah');
        await dana.waitState('conversation', (c) => c && c.title === 'Priya Shah', 'Priya');
        assert.equal((await dana.state('messages_ui')).draft, '', 'the sent text is no draft');
        assert.deepEqual(
            (await dana.state('attachments')).pending, [], 'the file is the channel\'s');

        // Sent after the reload, the kept file goes with it, and neither comes back.
        await openChannel(dana);
        await dana.waitState('messages_ui', (u) => u.draft === unfinished, 'the draft again');
        await dana.click('Message');
        await dana.page.keyboard.press('Enter');
        const withBudget = await dana.waitState(
            'conversation', (c) => last(c) && last(c).body === unfinished && last(c).attachments,
            'the draft sent');
        assert.deepEqual(last(withBudget).attachments.map((a) => a.name), ['Budget.csv']);
        await reload();
        await openChannel(dana);
        await dana.waitState('messages_ui', (u) => u.draft === '', 'no draft after sending');
        assert.deepEqual((await dana.state('attachments')).pending, [], 'no file after sending');
        assert.equal(
            await dana.page.evaluate(() => localStorage.getItem('pp.drafts')), null,
            'nothing left in storage');
        assert.deepEqual(dana.consoleErrors, []);
      } finally {
        await dana.close();
      }
    });

test(
    'a file left in the composer goes with its user: logged out, the next user of the page does not get it',
    async () => {
      const dana = await App.open(browser, server.url);
      try {
        await dana.loginAndWaitForOverview('dana.fischer@acme.example');
        await openChannel(dana);
        await attachOne(dana, 'Dana private notes.txt', 'text/plain', 'not for Leo\n');
        await dana.click('Log out');
        await dana.waitState('screen', (s) => s === 'login', 'the log-in screen');

        // Leo, on the same page, in the same channel: his composer holds nothing of Dana's.
        await dana.loginAndWaitForOverview('leo.martin@acme.example');
        await openChannel(dana);
        await dana.waitState('conversation', (c) => c && c.messages.length > 0, 'the channel');
        assert.deepEqual((await dana.state('attachments')).pending, [], 'no file of Dana\'s');
        assert.equal(
            await dana.page.evaluate(() => localStorage.getItem('pp.drafts')), null,
            'Dana\'s drafts went with her');
        assert.deepEqual(dana.consoleErrors, []);
      } finally {
        await dana.close();
      }
    });
