// The shadow reads emphasis markers as the page shows them: a delimiter marked pairs is dropped
// ("Blue**bird**" reads "Bluebird"), an unpaired one stays ("gh&#112;_..." reads "ghp_..."), however
// entities, escapes and other markers sit around it; a code span's fences and padding spaces go
// ("ghp_`` x ``" reads "ghp_x"); an underscore shown at a word's edge is punctuation. Checked
// against the renderer's own output.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSummary } from '../../../src/core/summary/document';
import { lintPublicText } from '../../../src/core/summary/lint';
import { renderSummaryHtml } from '../../../src/core/summary/render';
import { buildShadow } from '../../../src/core/summary/shadow';

/** What a reader of the page sees of one line of markdown: the rendered HTML's text. */
function shown(markdown: string): string {
  return renderSummaryHtml(markdown)
    .replace(/<[^>]*>/g, '')
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
/**
 * The shown text as the rules read it: an underscore run at a word's edge (`OPS-1234_`, `_db`) is
 * punctuation outside the word, as a reader takes it, and goes; between two words it stays.
 */
function edgeless(text: string): string {
  const word = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
  let out = '';
  for (let i = 0; i < text.length; ) {
    if (text[i] !== '_') {
      out += text[i++];
      continue;
    }
    let j = i;
    while (text[j] === '_') j++;
    if (word(out.at(-1)) === word(text[j])) out += text.slice(i, j);
    i = j;
  }
  return out;
}
/** The shadow, spaces collapsed as the page does. */
const shadowOf = (markdown: string) => {
  const { text, main } = buildShadow(markdown, parseSummary(markdown).markers);
  return text.slice(0, main).replace(/\s+/g, ' ').trim();
};

const WORDY = ['ab', 'gh', 'p', '1', ' ', ' ', '_', '_', '*', '**', '~', '~~', '&#112;', '&#95;', '\\*', '\\_', '.'];
const CODE = ['ab', 'p', ' ', '_', '*', '**', '~', '`', '``'];
/** A line that starts with a word: no block markup, so the shadow is the shown text alone. */
const line = (pieces: string[]) =>
  fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 14 }).map((p) => `w ${p.join('')} z`);

describe('emphasis markers in the shadow', () => {
  it('the shadow of a line is the text the page shows (entities, escapes and markers)', () => {
    fc.assert(
      fc.property(line(WORDY), (md) => {
        expect(shadowOf(md), md).toBe(edgeless(shown(md)));
      }),
      { numRuns: 1500 },
    );
  });

  it('and with code spans (whose fences and padding spaces go and whose markers stay)', () => {
    fc.assert(
      fc.property(line(CODE), (md) => {
        expect(shadowOf(md), md).toBe(edgeless(shown(md)));
      }),
      { numRuns: 1000 },
    );
  });

  it('in multi-line list items, quotes and table cells, whose lines marked lexes without their prefixes', () => {
    // WORDY and CODE apart: inside a code span the page shows `&#112;` and `\*` as written, which the
    // shadow decodes all the same (it reads more than the page there, never less).
    // Each container as markdown, and its shadow less the container's own syntax (which the page
    // does not show as text): bullets, indents, `>`, pipes and the delimiter row.
    const containers = [
      { md: (a: string, b: string) => `- w ${a} z\n  w ${b} z`, bare: (t: string) => t.replace(/^- |\n {2}/g, ' ') },
      {
        md: (a: string, b: string) => `1. x\n   - w ${a} z\n     w ${b} z`,
        bare: (t: string) => t.replace(/^1\. |\n {3}- |\n {5}/g, ' '),
      },
      { md: (a: string, b: string) => `> w ${a} z\n> w ${b} z`, bare: (t: string) => t.replace(/^> |\n> /g, ' ') },
      {
        md: (a: string, b: string) => `> - w ${a} z\n>   w ${b} z`,
        bare: (t: string) => t.replace(/^> - |\n> {3}/g, ' '),
      },
      {
        md: (a: string, b: string) => `| h |\n| - |\n| w ${a} z |\n| w ${b} z |`,
        bare: (t: string) => t.replace(/\| - \|/, '').replace(/\|/g, ' '),
      },
      // Tabs the lexer turns into spaces, and a cell's escaped pipe (the pipes go on both sides).
      { md: (a: string, b: string) => `>\tw ${a} z\n>\tw ${b} z`, bare: (t: string) => t.replace(/^>\t|\n>\t/g, ' ') },
      {
        md: (a: string, b: string) => `- x\n\n\tw ${a} z\n\tw ${b} z`,
        bare: (t: string) => t.replace(/^- |\n\t/g, ' '),
      },
      {
        md: (a: string, b: string) => `| h |\n| - |\n| w\\|w ${a} z |\n| w ${b} z |`,
        bare: (t: string) => t.replace(/\| - \|/, '').replace(/\|/g, ' '),
        pipes: true,
      },
    ];
    const squash = (t: string) => t.replace(/\s+/g, '');
    const pieces = (set: string[]) =>
      fc.array(fc.constantFrom(...set), { minLength: 1, maxLength: 10 }).map((p) => p.join(''));
    const pair = fc.oneof(fc.tuple(pieces(WORDY), pieces(WORDY)), fc.tuple(pieces(CODE), pieces(CODE)));
    fc.assert(
      fc.property(fc.constantFrom(...containers), pair, (c, [a, b]) => {
        const md = c.md(a, b);
        const { text, main } = buildShadow(md, parseSummary(md).markers);
        const shadow = text.slice(0, main); // without the words joined across lines, appended after it
        // Cells and lines meet without a space on the page once tags are gone: compare without spaces.
        const shownText = 'pipes' in c ? shown(md).replace(/\|/g, ' ') : shown(md);
        expect(squash(edgeless(c.bare(shadow))), md).toBe(squash(edgeless(shownText)));
      }),
      { numRuns: 1500 },
    );
  });

  it('in a list item, a quote and a heading too', () => {
    for (const [md, text] of [
      ['- see ghp_**x**', '- see ghp_x'],
      ['> see ghp_**x**', '> see ghp_x'],
      ['## Blue**bird** down', '## Bluebird down'],
      ['1. Blue_bird_ and gh&#112;_x', '1. Blue_bird and ghp_x'],
    ] as const) {
      expect(shadowOf(md)).toBe(text);
    }
  });

  it('a credential split by an unpaired or a paired marker is caught either way', () => {
    const tail = ['x7Kq9Lm2PzR8', 'vT4wN6yB1cD3', 'eF5gH0jS7uV9', 'aQ2'].join('');
    for (const md of [
      `Token gh&#112;_${tail} leaked`,
      `Token ghp_**${tail}**`,
      `Token ghp_*${tail}* here`,
      `Token ghp_~~${tail}~~`,
      `- Token gh&#112;_${tail}`,
      `Token g**hp**_${tail}`,
      `Token ghp_\`\` ${tail} \`\``,
      `Token \`\` ghp_ \`\`${tail}`,
      `Token ghp_\`\`\n${tail}\n\`\``,
      'Key AKIAIOSF`` ODNN7EXAMPLE `` here',
    ]) {
      expect(
        lintPublicText(md, {}).findings.map((f) => f.rule),
        md,
      ).toContain('secret');
    }
  });

  it('an underscore the page shows at a word edge is punctuation; inside a token it stays', () => {
    const tail = ['x7Kq9Lm2PzR8', 'vT4wN6yB1cD3', 'eF5gH0jS7uV9', 'aQ2'].join('');
    const lexicon = { ticketPrefixes: ['OPS'] };
    for (const [md, rule] of [
      ['See OPS-1234_ now', 'ticket-id'],
      ['See OPS-123&#52;\\_ now', 'ticket-id'],
      ['Host _db-prod-03.acme.internal down', 'internal-host'],
      ['Host &#95;db-prod-03.acme.internal down', 'internal-host'],
      [`Token ghp_&#${'x'}${(tail.codePointAt(0) as number).toString(16)};${tail.slice(1)}`, 'secret'],
      [`Token ghp_\u200b${tail}`, 'secret'],
      [`Token ghp\\_${tail}`, 'secret'],
      [`Token ghp&#95;**${tail}**`, 'secret'],
    ] as const) {
      expect(
        lintPublicText(md, lexicon).findings.map((f) => f.rule),
        md,
      ).toContain(rule);
    }
    // Inside a word an underscore is the word's: `snake_case` is one word, not "snake" and "case".
    expect(buildShadow('run snake_case now', parseSummary('run snake_case now').markers).text).toBe(
      'run snake_case now',
    );
  });
});
