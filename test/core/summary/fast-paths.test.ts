// A fast path of the gate against the plain code it replaced: markdownTooHard (which sends text marked
// would take seconds on to the plain-line fallback) must decide exactly as the character loop did, on
// random markup-heavy text and at each of its limits; lexBlocks, which skips marked's table and
// setext-heading rules where the text cannot hold one, must give exactly the tokens marked's own
// tokenizer gives.
import fc from 'fast-check';
import { Lexer, type Token } from 'marked';
import { describe, expect, it } from 'vitest';
import { lexBlocks, markdownTooHard, mayHoldSetext } from '../../../src/core/summary/document';

/** The character loop markdownTooHard replaced: delimiters, "<", lines, headings and nesting counted per character. */
function tooHardByLoop(text: string): boolean {
  let delimiters = 0;
  let angles = 0;
  let lineStart = true;
  let depth = 0;
  let lines = 0;
  let headings = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 42 || c === 95 || c === 126 || c === 96 || c === 91) {
      if (++delimiters > 600) return true;
    } else if (c === 60 && ++angles > 200) return true;
    if (c === 10) {
      lineStart = true;
      depth = 0;
      if (++lines > 4000) return true;
      continue;
    }
    if (!lineStart) continue;
    if (c === 35 && ++headings > 200) return true;
    const next = text.charCodeAt(i + 1);
    if (c === 62 || ((c === 45 || c === 42 || c === 43) && (next === 32 || next === 9))) {
      if (++depth > 48) return true;
    } else if (c !== 32 && c !== 9 && !(c >= 48 && c <= 57) && !(c === 46 || c === 41)) lineStart = false;
  }
  return false;
}

const PIECES = [' ', '\t', '\n', '#', '>', '-', '*', '+', '_', '`', '~', '[', '<', 'a', '1', '.', ')', '\r', '\u2028'];
const PREFIXES = ['- ', '> ', '# ', '1. ', '* ', '+\t', '>>', '  '];

describe('markdownTooHard', () => {
  it('decides as the character loop does, around every limit', () => {
    // Runs of one piece reach the limits (600 delimiters, 200 "<", 4,000 lines, 200 headings, depth 48).
    const run = fc.tuple(fc.constantFrom(...PIECES, ...PREFIXES), fc.integer({ min: 1, max: 700 }));
    const text = fc
      .array(
        fc.oneof(
          fc.constantFrom(...PIECES, ...PREFIXES),
          run.map(([p, n]) => p.repeat(n)),
        ),
        { maxLength: 40 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (t) => {
        expect(markdownTooHard(t)).toBe(tooHardByLoop(t));
      }),
      { numRuns: 400 },
    );
    for (const edge of ['#\n'.repeat(201), '- '.repeat(49), '> '.repeat(49), '\n'.repeat(4001), '_'.repeat(601)]) {
      expect(markdownTooHard(edge), JSON.stringify(edge.slice(0, 8))).toBe(true);
    }
    for (const edge of ['#\n'.repeat(200), '- '.repeat(48), '\n'.repeat(4000), '_'.repeat(600), 'a - '.repeat(100)]) {
      expect(markdownTooHard(edge), JSON.stringify(edge.slice(0, 8))).toBe(false);
    }
  });
});

/** lexBlocks with marked's stock tokenizer: every block rule tried everywhere, the same inline pass. */
function stockBlocks(text: string): Token[] {
  const lexer = new Lexer({ gfm: true });
  lexer.blockTokens(text, lexer.tokens);
  for (const queued of lexer.inlineQueue) {
    if (/[\\`*_~[\]!<&]/.test(queued.src)) {
      lexer.state.inRawBlock = false;
      lexer.inlineTokens(queued.src, queued.tokens);
    } else queued.tokens.push({ type: 'text', raw: queued.src, text: queued.src });
  }
  return lexer.tokens;
}

describe('lexBlocks', () => {
  // Lines that make or almost make tables and setext headings, inside lists and quotes too.
  const LINES = [
    'Title',
    'a | b',
    '| a | b |',
    '|---|---|',
    '--- | ---',
    ':--',
    '--:',
    'a: -1',
    '===',
    '---',
    '- - -',
    '  ==',
    '    ---',
    '\t---',
    '=== x',
    '-',
    '=',
    '',
    '- item',
    '  ---',
    '1. step',
    '> quoted',
    '> ===',
    '>---',
    '> | a |',
    '# Heading',
    'text with *emphasis* and a [link](https://example.com)',
    // Fences, quotes, HTML blocks, link definitions and indented code, alone and in lists and quotes.
    '```',
    '~~~',
    '```js',
    '> ```',
    '- ```',
    '<div>',
    '</div>',
    '<!-- note -->',
    '[a]: https://example.com',
    '- [b]: /x',
    '    code',
    '\tcode',
    '- > quoted item',
    '> - item',
  ];

  it('gives the tokens marked gives, with or without a table or a setext heading', () => {
    const text = fc.array(fc.constantFrom(...LINES), { maxLength: 14 }).map((lines) => lines.join('\n'));
    fc.assert(
      fc.property(text, (t) => {
        expect(lexBlocks(t)).toEqual(stockBlocks(t));
      }),
      { numRuns: 3000 },
    );
  });

  it('still finds the tables and setext headings a text holds', () => {
    const types = (t: string) => lexBlocks(t).map((b) => b.type);
    expect(types('Title\n===')).toEqual(['heading']);
    expect(types('- item\n  ---')).toEqual(['list']);
    expect((lexBlocks('- item\n  ---')[0] as { items: { tokens: Token[] }[] }).items[0]?.tokens[0]?.type).toBe(
      'heading',
    );
    expect(types('> Title\n> ---')).toEqual(['blockquote']);
    expect(types('| a | b |\n|---|---|\n| 1 | 2 |')).toEqual(['table']);
    expect(types('a\n:--\nb')).toEqual(stockBlocks('a\n:--\nb').map((b) => b.type));
  });
});

describe('mayHoldSetext', () => {
  it('finds what the underline regex it replaced finds', () => {
    const piece = fc.constantFrom('\n', ' ', '\t', '>', '=', '==', '-', '--', 'a', '\r', '|', '#');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 16 }), (parts) => {
        const text = parts.join('');
        expect(mayHoldSetext(text)).toBe(/\n[ \t>]*(?:=+|-+)[ \t]*(?:\n|$)/.test(text));
      }),
      { numRuns: 3000 },
    );
  });
});
