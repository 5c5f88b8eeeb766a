// Published summaries become HTML here: markdown through marked, whose renderer is overridden
// wherever a summary's text reaches the output, so every piece of it is escaped (raw HTML shows
// as text, links keep only http(s) and mailto: addresses, images show their alt text). A final
// allow-list check is the second wall: if anything but the few tags made here appears, the summary
// is shown as escaped paragraphs instead.
import { Marked, type Tokens } from 'marked';
import { markdownTooHard } from './document';
import { isDecodedReference } from './shadow';

export const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

// Text keeps markdown's character references ("AT&amp;T", "&#8212;"): a reference in text is a character,
// never markup. Every other &, and every < > " ', is escaped.
const TEXT_SPECIAL = /[<>"']|&(?!(?:#\d{1,7}|#[Xx][a-fA-F0-9]{1,6}|\w+);)/g;
const escapeText = (s: string) => s.replace(TEXT_SPECIAL, (c) => escapeHtml(c));

const SAFE_URL = /^(https?:|mailto:)/i;

const marked = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    // Raw HTML in a summary is shown as text, never interpreted.
    html({ text }) {
      return escapeHtml(text);
    },
    // marked passes text after an inline <pre>, <code>, <kbd> or <script> through unescaped (as raw
    // HTML): here raw HTML is text, so that text is escaped like any other.
    text(token: Tokens.Text | Tokens.Escape) {
      if ('tokens' in token && token.tokens) return this.parser.parseInline(token.tokens);
      return escapeText(token.text);
    },
    // As marked writes it, less the language class (a summary's code block needs no highlighting).
    code({ text }) {
      return `<pre><code>${text ? `${escapeHtml(text.replace(/\n$/, ''))}\n` : ''}</code></pre>\n`;
    },
    // A task list's [ ] and [x] stay plain list items (no form controls on the status page).
    checkbox() {
      return '';
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

// Every tag the renderer above can write, with its only attributes; attribute values hold no quote or
// angle bracket (they are escaped). After these are taken out, a "<" anywhere means markup got through.
const ALLOWED_TAGS =
  /<(?:\/?(?:h[2-6]|p|strong|em|del|code|pre|blockquote|ul|ol|li|table|thead|tbody|tr|th|td|a)|br|hr|ol start="\d+"|t[hd] align="(?:left|center|right)"|a href="(?:https?:|mailto:)[^"<>]*"(?: title="[^"<>]*")? rel="nofollow noopener noreferrer")>/gi;

/** True when the HTML holds no tag but those the renderer writes (see ALLOWED_TAGS). */
export function onlyAllowedTags(html: string): boolean {
  return !html.replace(ALLOWED_TAGS, '').includes('<');
}

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
  if (markdownTooHard(markdown)) return plainParagraphs(markdown);
  try {
    const html = marked.parse(markdown, { async: false });
    if (onlyAllowedTags(html)) return showUnreadReferences(html);
    console.error('[afterword] a summary rendered with markup it should not have; showing it as plain text');
  } catch {}
  return plainParagraphs(markdown);
}

/**
 * A named reference the gate does not decode (`&oopf;` is "𝕠" on a page) is shown as the literal
 * text, so what the reader sees is what the gate read. Every other `&` is escaped already.
 */
function showUnreadReferences(html: string): string {
  return html.replace(/&([A-Za-z][A-Za-z0-9]*);/g, (ref, name: string) =>
    isDecodedReference(name) ? ref : `&amp;${name};`,
  );
}
