// renderSummaryHtml: markdown becomes safe HTML; no payload in a summary reaches a page as markup.
import { describe, expect, it } from 'vitest';
import { renderSummaryHtml } from '../../../src/core/summary/render';

const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)><circle/></svg>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](  javascript:alert(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[click](vbscript:msgbox(1))',
  '[click](&#106;avascript:alert(1))',
  '![x](javascript:alert(1))',
  '![x" onerror="alert(1)](https://example.com/a.png)',
  '<a href="javascript:alert(1)">x</a>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '**<script>alert(1)</script>**',
  '> - [x](javascript:alert(1))',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<details open ontoggle=alert(1)>',
  '[x](https://ok.example" onmouseover="alert(1))',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '`<script>`',
];

function markupOf(html: string): string[] {
  return [...html.matchAll(/<\/?([a-z0-9]+)([^>]*)>/gi)].map((m) => `${m[1]?.toLowerCase()}${m[2] ?? ''}`);
}

describe('renderSummaryHtml', () => {
  it('keeps ordinary markdown', () => {
    const html = renderSummaryHtml(
      '## What happened\n\nWe **rolled back** at 14:05 UTC. See [status](https://status.example.com).\n\n- one\n- two\n',
    );
    expect(html).toContain('<h2>What happened</h2>');
    expect(html).toContain('<strong>rolled back</strong>');
    expect(html).toContain('<a href="https://status.example.com" rel="nofollow noopener noreferrer">status</a>');
    expect(html).toContain('<li>one</li>');
  });

  it('keeps mailto links', () => {
    expect(renderSummaryHtml('[mail](mailto:support@example.com)')).toContain('href="mailto:support@example.com"');
  });

  it.each(PAYLOADS)('never turns %j into markup', (payload) => {
    const html = renderSummaryHtml(`Text before.\n\n${payload}\n\nText after.`);
    for (const tag of markupOf(html)) {
      expect(tag).toMatch(
        /^(p|h[1-6]|strong|em|del|code|pre|blockquote|ul|ol|li|a|br|hr|table|thead|tbody|tr|th|td)\b/,
      );
      expect(tag).not.toMatch(/\bon[a-z]+\s*=|javascript:|vbscript:|data:|style\s*=|src\s*=/i);
    }
    expect(html).not.toMatch(/<(script|img|svg|iframe|style|details|math|div)\b/i);
  });

  it('renders deeply nested markdown without crashing', () => {
    for (const deep of [
      '>'.repeat(20_000),
      '- '.repeat(10_000),
      '['.repeat(20_000),
      `${'*'.repeat(10_000)}x${'*'.repeat(10_000)}`,
    ]) {
      expect(typeof renderSummaryHtml(`${deep} <script>alert(1)</script>`)).toBe('string');
      expect(renderSummaryHtml(`${deep} <script>alert(1)</script>`)).not.toMatch(/<script/i);
    }
  });
});

describe("a summary's own headings", () => {
  it('render as h2 or lower: the page title is the only h1', () => {
    const html = renderSummaryHtml('# Checkout errors\n\n## What happened\n\nIt broke.\n\n### Detail\n\nMore.\n');
    expect(html).not.toContain('<h1');
    expect(html).toContain('<h2>Checkout errors</h2>');
    expect(html).toContain('<h2>What happened</h2>');
    expect(html).toContain('<h3>Detail</h3>');
  });
});
