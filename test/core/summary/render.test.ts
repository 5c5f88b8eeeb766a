// renderSummaryHtml: markdown becomes safe HTML; no payload in a summary reaches a page as markup.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { onlyAllowedTags, renderSummaryHtml } from '../../../src/core/summary/render';
import { PAYLOADS } from './xss-payloads';

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

  it('keeps character references as characters and escapes everything else', () => {
    const html = renderSummaryHtml('AT&amp;T &#8212; 5 < 6 & "quoted" \'single\'');
    expect(html).toBe('<p>AT&amp;T — 5 &lt; 6 &amp; &quot;quoted&quot; &#39;single&#39;</p>\n');
  });

  it('shows raw HTML after an inline <pre> as text', () => {
    expect(renderSummaryHtml('x <pre> <img/src=x onerror=alert(1)>')).toBe(
      '<p>x &lt;pre&gt; &lt;img/src=x onerror=alert(1)&gt;</p>\n',
    );
  });

  it('writes code blocks without their language class and task lists without form controls', () => {
    expect(renderSummaryHtml('```js"><b>\nrestart <db>\n```')).toBe('<pre><code>restart &lt;db&gt;\n</code></pre>\n');
    expect(renderSummaryHtml('- [x] rolled back\n- [ ] postmortem')).toBe(
      '<ul>\n<li>rolled back</li>\n<li>postmortem</li>\n</ul>\n',
    );
  });

  // Any mix of markdown syntax, raw HTML and URL tricks: every "<" in the output opens one of the
  // renderer's own tags, with only its own attributes, and every link is http(s) or mailto.
  it('writes no other markup whatever the text (property)', () => {
    const fragment = fc.constantFrom(
      ...PAYLOADS,
      '<pre>',
      '<code>',
      '<kbd>',
      '<script>',
      '</pre>',
      '<!--',
      '-->',
      '<b>',
      '</b>',
      '<a href="x">',
      '<',
      '&',
      '"',
      "'",
      '&#106;',
      '&amp;',
      '[',
      '](',
      ')',
      '![',
      '[x]: ',
      '*',
      '_',
      '`',
      '```',
      '~~',
      '\\',
      '\n',
      '\n\n',
      '> ',
      '- ',
      '1. ',
      '3. ',
      '[ ] ',
      '[x] ',
      '|',
      '|:-|-:|',
      '---',
      '#',
      '## ',
      '    ',
      '\t',
      ' ',
      'text',
      'javascript:',
      'onerror=',
      'www.example.com',
      'https://a.example/x',
      'mailto:a@b.example',
      'a@b.example',
      '<http://x.example>',
    );
    const TAG = /<(\/?)([a-z0-9]+)((?: [a-z]+="[^"<>]*")*)>/g;
    const ATTRS: Record<string, string[]> = {
      a: ['href', 'title', 'rel'],
      ol: ['start'],
      th: ['align'],
      td: ['align'],
    };
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 30 }), (parts) => {
        const html = renderSummaryHtml(parts.join(''));
        const tags = [...html.matchAll(TAG)];
        expect(tags.length, html).toBe(html.split('<').length - 1);
        for (const [, close, name = '', attrs = ''] of tags) {
          expect(name).toMatch(
            /^(p|h[2-6]|strong|em|del|code|pre|blockquote|ul|ol|li|a|br|hr|table|thead|tbody|tr|th|td)$/,
          );
          if (close) expect(attrs).toBe('');
          for (const [, attr, value = ''] of attrs.matchAll(/ ([a-z]+)="([^"]*)"/g)) {
            expect(ATTRS[name] ?? []).toContain(attr);
            if (attr === 'href') expect(value).toMatch(/^(https?:|mailto:)/i);
          }
        }
      }),
      { numRuns: 1500, seed: 20261201 },
    );
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

describe('the allow-list check behind the renderer', () => {
  it('passes the tags the renderer writes', () => {
    expect(
      onlyAllowedTags(
        '<h2>a</h2><p><strong>b</strong> <a href="https://x.example/?a=1&amp;b=2" title="t" rel="nofollow noopener noreferrer">c</a></p><ol start="3"><li>d</li></ol><table><thead><tr><th align="left">e</th></tr></thead></table><br><hr>',
      ),
    ).toBe(true);
  });

  it.each([
    '<p>x<img src=x onerror=alert(1)></p>',
    '<a href="javascript:alert(1)" rel="nofollow noopener noreferrer">x</a>',
    '<a href="https://x.example" onclick="alert(1)" rel="nofollow noopener noreferrer">x</a>',
    '<p onclick="alert(1)">x</p>',
    '<h1>x</h1>',
    '<p>x</p><svg/onload=alert(1)>',
    '<p>x<!-- y --></p>',
    '<th align="javascript">x</th>',
  ])('refuses %j', (html) => {
    expect(onlyAllowedTags(html)).toBe(false);
  });
});
