// Published summaries become HTML here: markdown through marked with raw HTML escaped, then a
// whitelist sanitiser (js-xss) as the second wall; only http(s) and mailto links survive.
import { Marked } from 'marked';
import * as xssModule from 'xss';
import { markdownTooHard } from './document';
import { isDecodedReference } from './shadow';

// js-xss is CommonJS: Node sees its named exports, workerd's bundler only its module.exports (the
// default), which carries the same functions as properties. Take whichever has them.
type XssLib = typeof xssModule;
const xssDefault = (xssModule as unknown as { default?: XssLib }).default;
const { escapeAttrValue, FilterXSS, safeAttrValue }: XssLib = xssDefault?.FilterXSS ? xssDefault : xssModule;

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const SAFE_URL = /^(https?:|mailto:)/i;

const marked = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    // Raw HTML in a summary is shown as text, never interpreted.
    html({ text }) {
      return escapeHtml(text);
    },
    link({ href, title, tokens }) {
      const text = this.parser.parseInline(tokens);
      if (!SAFE_URL.test(href.trim())) return text;
      const t = title ? ` title="${escapeHtml(title)}"` : '';
      return `<a href="${escapeHtml(href.trim())}"${t} rel="nofollow noopener noreferrer">${text}</a>`;
    },
    // The page has its own h1 (the incident's title): a summary's "# ..." is at most an h2.
    heading({ tokens, depth }) {
      const level = Math.max(2, depth);
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
    },
    image({ text }) {
      // Images would load third-party content into the status page: show their alt text instead.
      return escapeHtml(text);
    },
  },
});

const sanitizer = new FilterXSS({
  whiteList: {
    h1: [],
    h2: [],
    h3: [],
    h4: [],
    h5: [],
    h6: [],
    p: [],
    br: [],
    hr: [],
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
  },
  stripIgnoreTag: true,
  stripIgnoreTagBody: ['script', 'style'],
  safeAttrValue(tag, name, value, cssFilter) {
    if (tag === 'a' && name === 'href') return SAFE_URL.test(value.trim()) ? escapeAttrValue(value) : '';
    return safeAttrValue(tag, name, value, cssFilter);
  },
});

/** Text marked cannot parse (nesting deep enough to exhaust the stack): escaped paragraphs, no markup. */
function plainParagraphs(markdown: string): string {
  return markdown
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== '')
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

/** Markdown -> safe HTML for public pages and feeds. Never throws: whatever marked cannot parse is shown as text. */
export function renderSummaryHtml(markdown: string): string {
  let html: string;
  try {
    html = markdownTooHard(markdown) ? plainParagraphs(markdown) : marked.parse(markdown, { async: false });
  } catch {
    html = plainParagraphs(markdown);
  }
  return showUnreadReferences(sanitizer.process(html));
}

/**
 * A named reference the gate does not decode (`&oopf;` is "𝕠" on a page) is shown as the literal
 * text, so what the reader sees is what the gate read. marked has already escaped every other `&`.
 */
function showUnreadReferences(html: string): string {
  return html.replace(/&([A-Za-z][A-Za-z0-9]*);/g, (ref, name: string) =>
    isDecodedReference(name) ? ref : `&amp;${name};`,
  );
}
