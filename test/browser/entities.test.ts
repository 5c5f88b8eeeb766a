// What the reader sees is what the gate read: for every named character reference HTML defines, the
// published summary, as Chromium shows it, reads the same as the gate's view of the source. A
// reference the gate does not decode (`&oopf;` would be "𝕠") is shown as its literal text.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintPublicText } from '../../src/core/summary/lint';
import { renderSummaryHtml } from '../../src/core/summary/render';
import { buildShadow } from '../../src/core/summary/shadow';
import { DISGUISE_LEXICON } from '../fixtures/disguises';
import { HTML_ENTITY_NAMES } from '../fixtures/html-entity-names';
import { hasChromium, launchChromium } from '../helpers/browser';

/** The gate's reading of a text: its normalised shadow (entities decoded, NFKC, dashes folded ...). */
const gateView = (text: string) => buildShadow(text).text;

describe.skipIf(!hasChromium)('named character references in a published summary', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  /**
   * Each markdown paragraph rendered and shown by Chromium: the text of each <p>. Rendered in
   * summaries of 400 paragraphs (a summary of thousands of lines would be shown as plain text).
   */
  async function shown(paragraphs: string[]): Promise<string[]> {
    const out: string[] = [];
    for (let i = 0; i < paragraphs.length; i += 400) {
      const html = renderSummaryHtml(paragraphs.slice(i, i + 400).join('\n\n'));
      expect(html).not.toContain('<br>'); // rendered as markdown, not the plain-text fallback
      await page.setContent(`<!doctype html><meta charset="utf-8"><main>${html}</main>`);
      out.push(...(await page.$$eval('main > p', (ps) => ps.map((p) => p.textContent ?? ''))));
    }
    return out;
  }

  it(`shows each of the ${HTML_ENTITY_NAMES.length} named references as the gate reads it`, async () => {
    expect(HTML_ENTITY_NAMES.length).toBeGreaterThan(2000);
    const paragraphs = HTML_ENTITY_NAMES.map((name) => `x &${name}; y`);
    const texts = await shown(paragraphs);
    expect(texts).toHaveLength(paragraphs.length);
    const differ = paragraphs
      .map((p, i) => ({ source: p, shown: texts[i] ?? '' }))
      .filter(({ source, shown: s }) => gateView(s) !== gateView(source))
      .map(
        ({ source, shown: s }) =>
          `${source} shows ${JSON.stringify(s)}, gate reads ${JSON.stringify(gateView(source))}`,
      );
    expect(differ).toEqual([]);
  }, 60_000);

  it('decodes the long-tail punctuation references inside a token, on the page and in the gate alike', async () => {
    const refs = ['hyphen', 'dash', 'period', 'num', 'commat', 'colon', 'sol', 'lowbar'];
    const paragraphs = refs.map((r) => `See PAY&${r};1234 now.`);
    const texts = await shown(paragraphs);
    paragraphs.forEach((p, i) => {
      expect(gateView(texts[i] ?? ''), p).toBe(gateView(p));
    });
    expect(texts[0]).toBe('See PAY\u20101234 now.');
    expect(lintPublicText(paragraphs[0] as string, DISGUISE_LEXICON).findings.map((f) => f.rule)).toContain(
      'ticket-id',
    );
  });

  it('shows a reference the gate does not decode as literal text, not as a look-alike letter', async () => {
    const [text] = await shown(['Restart db-pr&oopf;d-03 and &Afr;&bopf;&cscr; now.']);
    expect(text).toBe('Restart db-pr&oopf;d-03 and &Afr;&bopf;&cscr; now.');
  });
});
