// Messages (issue 12): why a file could not be opened is said in the interface language only,
// in plain words (no parser's own text), and changes language with the interface.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sharedSession, openApp, screenshot } from './lib.mjs';

const LOAD_TIMEOUT = 30_000;
const session = sharedSession({ before, after });
const han = /[\u4e00-\u9fff]/;

async function drop(page, files) {
  await page.evaluate((files) => {
    const dt = new DataTransfer();
    for (const { name, b64 } of files) dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name));
    for (const type of ['dragenter', 'dragover', 'drop']) {
      document.body.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
    }
  }, files.map(({ name, bytes }) => ({ name, b64: Buffer.from(bytes).toString('base64') })));
}

test('file errors are in the interface language, in plain words', { timeout: 60_000 }, async () => {
  const { page, context, errors, outside } = await openApp(session.browser, session.server.url);
  await page.getByTestId('paste-box').waitFor({ state: 'visible', timeout: LOAD_TIMEOUT });
  // A zip that is no Word document (the zip library's own complaint must not show), an empty
  // file, and a PDF without a text layer.
  const zip = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64, 0x41)]);
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
  await drop(page, [
    { name: 'broken.docx', bytes: zip },
    { name: 'empty.txt', bytes: Buffer.alloc(0) },
    { name: 'scan.pdf', bytes: pdf },
  ]);
  const items = page.getByTestId('file-error');
  await items.nth(2).waitFor({ timeout: LOAD_TIMEOUT });
  const zh = await items.allInnerTexts();
  assert.equal(zh.length, 3, zh.join(' | '));
  for (const m of zh) {
    assert.match(m, han, m);
    // Nothing but the file's name and format names in Latin letters: no English, no library text.
    const latin = m.replace(/broken\.docx|empty\.txt|scan\.pdf|\.(txt|html|docx|doc|wps|pdf|ofd)\b|Word|WPS|PDF|OFD/g, '');
    assert.doesNotMatch(latin, /[A-Za-z]{3,}/, m);
  }
  assert.match(zh[0], /Word 文档（\.docx）无法读取/);
  assert.match(zh[1], /文件是空的/);
  await screenshot(page, 'file-errors-zh');

  await page.getByTestId('lang-toggle').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  const en = await items.allInnerTexts();
  assert.equal(en.length, 3);
  for (const m of en) {
    assert.doesNotMatch(m, han, m);
    assert.doesNotMatch(m, /zip|EOCD|archive|invalid/i, m);
  }
  assert.match(en[0], /This Word document \(\.docx\) cannot be read/);
  assert.match(en[1], /The file is empty or holds no text/);
  assert.deepEqual(errors, []);
  assert.deepEqual(outside, []);
  await context.close();
});
