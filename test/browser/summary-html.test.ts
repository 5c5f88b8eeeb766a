// Published summary HTML in Chromium's own HTML parser: whatever a summary's text holds, the page gets
// only the renderer's few elements and attributes, links go to http(s) or mailto: as the browser
// resolves them, and no script runs (no alert, no event handler).
import fc from 'fast-check';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderSummaryHtml } from '../../src/core/summary/render';
import { PAYLOADS } from '../core/summary/xss-payloads';
import { hasChromium, launchChromium } from '../helpers/browser';

const FRAGMENTS = [
  ...PAYLOADS,
  '<pre>',
  '<code>',
  '<kbd>',
  '<script>',
  '<!--',
  '-->',
  '<',
  '&',
  '"',
  '&#106;',
  '[',
  '](',
  ')',
  '![',
  '*',
  '`',
  '```',
  '\n',
  '\n\n',
  '> ',
  '- ',
  '1. ',
  '|',
  '|:-|-:|',
  '## ',
  'text',
  'javascript:',
  'https://a.example/x',
  'mailto:a@b.example',
];

describe.skipIf(!hasChromium)('summary HTML in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('holds only the renderer elements and safe links, and runs no script', async () => {
    const texts = [
      ...PAYLOADS.map((p) => `Before.\n\n${p}\n\nAfter.`),
      ...fc.sample(
        fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 25 }).map((a) => a.join('')),
        { numRuns: 400, seed: 20261201 },
      ),
    ];
    const htmls = texts.map(renderSummaryHtml);
    const page = await browser.newPage();
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await page.setContent('<main id="m"></main>');
    const problems = await page.evaluate(async (list) => {
      const w = window as unknown as { pwned: number; alert: () => void };
      w.pwned = 0;
      w.alert = () => {
        w.pwned++;
      };
      const allowed: Record<string, string[]> = {
        p: [],
        h2: [],
        h3: [],
        h4: [],
        h5: [],
        h6: [],
        strong: [],
        em: [],
        del: [],
        code: [],
        pre: [],
        blockquote: [],
        ul: [],
        ol: ['start'],
        li: [],
        table: [],
        thead: [],
        tbody: [],
        tr: [],
        th: ['align'],
        td: ['align'],
        a: ['href', 'title', 'rel'],
        br: [],
        hr: [],
      };
      const found: string[] = [];
      const main = document.getElementById('m') as HTMLElement;
      for (const html of list) {
        const box = document.createElement('section');
        box.innerHTML = html;
        main.appendChild(box);
        for (const el of box.querySelectorAll('*')) {
          const attrs = allowed[el.localName];
          if (el.namespaceURI !== 'http://www.w3.org/1999/xhtml' || !attrs) {
            found.push(`<${el.localName}> from ${JSON.stringify(html)}`);
            continue;
          }
          for (const a of el.getAttributeNames()) {
            if (!attrs.includes(a)) found.push(`${el.localName}[${a}] from ${JSON.stringify(html)}`);
          }
          if (el instanceof HTMLAnchorElement && !['http:', 'https:', 'mailto:'].includes(el.protocol)) {
            found.push(`a link to ${el.protocol} from ${JSON.stringify(html)}`);
          }
        }
      }
      // Give error and load handlers (img onerror, svg onload) their turn.
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (w.pwned > 0) found.push(`alert ran ${w.pwned} time(s)`);
      return found;
    }, htmls);
    await page.close();
    expect(problems).toEqual([]);
    expect(dialogs).toBe(0);
  });
});
