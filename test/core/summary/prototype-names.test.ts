// Words that name properties every JavaScript object inherits ("constructor", "toString",
// "__proto__" ...) are ordinary text to the gate: written as character references, headings, tool or
// channel names, they must never make lint throw (a request would fail with a 500) and must read as
// what the page shows.
import { describe, expect, it } from 'vitest';
import { lintPublicText, lintSummary } from '../../../src/core/summary/lint';
import { renderSummaryHtml } from '../../../src/core/summary/render';
import { createWorld } from '../../helpers/world';
import { LEXICON } from './fixtures';

const NAMES = [...Object.getOwnPropertyNames(Object.prototype), 'prototype', 'then'];
const SHAPES = (n: string) => [
  `&${n};`,
  `${n}`,
  `# ${n}`,
  `## ${n}\n\nText.`,
  `#${n}`,
  `@${n}`,
  `${n}@example.com`,
  `${n}-1234`,
  `${n}.internal`,
  `**${n}**:`,
];

describe('inherited property names in a summary', () => {
  it('lint, the live-text gate and the renderer take every shape of them without throwing', () => {
    for (const n of NAMES) {
      for (const text of SHAPES(n)) {
        const doc = `## What happened\nFrom 14:05 to 15:20 UTC, ${text} failed.\n\n## Who was affected\n${text}\n\n## What we did\nFixed.\n\n## What we are doing to prevent it\n- ${text} by 1 May 2027\n`;
        expect(() => lintSummary(doc, LEXICON), text).not.toThrow();
        expect(() => lintSummary(doc, {}), text).not.toThrow();
        expect(() => lintPublicText(text, LEXICON), text).not.toThrow();
        expect(() => renderSummaryHtml(doc), text).not.toThrow();
      }
    }
  });

  it('reads "&constructor;" as the literal text the page shows', () => {
    const html = renderSummaryHtml('We saw &constructor; in the logs.');
    expect(html).toContain('&amp;constructor;');
    const result = lintPublicText('We saw &constructor; in the logs.', {});
    expect(result.ok).toBe(true);
  });

  it('the lint API answers 200, not 500', async () => {
    const w = createWorld();
    try {
      const token = await w.token('admin');
      const res = await w.call('POST', '/api/v1/lint', {
        token,
        body: { markdown: 'See &toString; and &constructor;.' },
      });
      expect(res.status, res.text).toBe(200);
    } finally {
      w.close();
    }
  });
});
