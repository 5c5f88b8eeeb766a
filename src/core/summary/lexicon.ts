// The organisation's lexicon: one JSON shape everywhere (API, database, CLI --config), validated
// here, and precompiled once per lexicon object into lookup maps so matching is O(text), not O(roster).

import { type FieldProblem, invalid } from '../errors';
import * as z from '../zod';
import { CATALOGUE, type ToolCategory } from './catalogue';
import { foldText } from './shadow';
import { keyHash } from './tokens';
import { isCommonWord } from './words';

const term = z
  .string()
  .check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(200, 'must be at most 200 characters'));
const terms = z.array(term).check(z.maxLength(100_000, 'must list at most 100000 entries'));

export const lexiconSchema = z.strictObject({
  employees: z.optional(terms),
  codenames: z.optional(terms),
  tools: z.optional(terms),
  internalDomains: z.optional(
    z
      .array(
        term.check(
          z.regex(
            /^[a-z0-9.-]+$/i,
            'must be a bare domain such as "corp.example.com" (letters, digits, dots and hyphens)',
          ),
        ),
      )
      .check(z.maxLength(10_000)),
  ),
  ticketPrefixes: z.optional(
    z
      .array(term.check(z.regex(/^[a-z][a-z0-9]{0,15}$/i, 'must be a key prefix such as "OPS" (letters and digits)')))
      .check(z.maxLength(10_000)),
  ),
  allow: z.optional(terms),
});
export type Lexicon = z.output<typeof lexiconSchema>;

export const EMPTY_LEXICON: Lexicon = {};

function problemsOf(error: z.core.$ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(lexicon)',
    message: issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message,
  }));
}

/** Validates a lexicon document; a malformed one is a `validation_failed` DomainError naming each bad field. */
export function parseLexicon(value: unknown): Lexicon {
  const parsed = lexiconSchema.safeParse(value);
  if (!parsed.success) {
    throw invalid(
      problemsOf(parsed.error),
      'The lexicon is not valid: expected { employees, codenames, tools, internalDomains, ticketPrefixes, allow }, each an optional array of strings.',
    );
  }
  return parsed.data;
}

export type TermKind = 'allow' | 'employee' | 'codename' | 'tool';

export interface Term {
  kind: TermKind;
  /** The term as the lexicon or catalogue spells it. */
  canonical: string;
  /**
   * Also an ordinary English word (or a month, a day, a very short name): matches only as a proper
   * noun, i.e. capitalised and not where every word is capitalised anyway (sentence start, headings),
   * unless tool-ish words around it say it is the product.
   */
  ambiguous: boolean;
  /** For employees: how the name was written (full name, a part of it, or a handle). */
  form?: 'full' | 'part' | 'handle';
  category?: ToolCategory;
}

export interface CompiledLexicon {
  /** Lower-cased phrase (words joined by one space) -> the terms it may be. */
  phrases: Map<string, Term[]>;
  /** Longest phrase, in words: bounds the n-gram lookups per word. */
  maxWords: number;
  /**
   * First words of the multi-word phrases, each with the most words a phrase it begins has: any
   * other word needs a single look-up, and "a" (the initial of "A. Brandt") only a two-word one.
   */
  phraseStarts: Map<string, number>;
  /** Lower-cased glued handles (flast, firstlast, firstl): they match in any case, anywhere. */
  handles: Map<string, Term>;
  /** The lexicon lists employees: without a roster, `possible-name` guesses names from their shape. */
  roster: boolean;
  /**
   * Every word that can begin a match (a phrase's first word or a handle), as a bitset over the top
   * 18 bits of `keyHash` (the `Word.hash` of splitWords): one bit test skips most words, and the few
   * false positives go on to phrase look-ups that find nothing.
   */
  firstBits: Uint32Array;
  internalDomains: Set<string>;
  /** `allow` entries that are domains ("acme.com"): they cover subdomains, URLs and role addresses. */
  allowDomains: Set<string>;
  ticketPrefixes: Set<string>;
  /**
   * The configured prefixes as written in capitals with another separator or none ("OPS_1234",
   * "OPS 1234", "OPS#1234", "OPS1234"); the hyphenated key, in any case, is the ticket-id rule's own.
   */
  ticketForms: RegExp | null;
  /** Lower-cased allowed terms, compared with whole excerpts of the pattern rules. */
  allow: Set<string>;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const PARTICLES = new Set('van von de der den da di du del della la le bin al st'.split(' '));
const MAX_PHRASE_WORDS = 6;

/** A name's words as the rules read the text (see foldText: accents, look-alikes, full-width forms). */
export function phraseKey(s: string): string {
  return (foldText(s.normalize('NFC')).match(WORD) ?? []).join(' ').toLowerCase();
}

function add(map: Map<string, Term[]>, key: string, t: Term): number {
  if (!key) return 0;
  const list = map.get(key);
  if (list) {
    if (!list.some((x) => x.kind === t.kind && x.form === t.form)) list.push(t);
  } else map.set(key, [t]);
  return key.split(' ').length;
}

function ambiguousWord(w: string): boolean {
  return w.length <= 2 || isCommonWord(w);
}

const compiled = new WeakMap<Lexicon, CompiledLexicon>();

/** Builds (once per lexicon object) the maps every lint of that lexicon reuses. */
export function compileLexicon(lexicon: Lexicon): CompiledLexicon {
  const cached = compiled.get(lexicon);
  if (cached) return cached;
  const phrases = new Map<string, Term[]>();
  const handles = new Map<string, Term>();
  let maxWords = 1;
  const grow = (n: number) => {
    if (n > maxWords) maxWords = Math.min(n, MAX_PHRASE_WORDS);
  };

  for (const tool of CATALOGUE) {
    grow(
      add(phrases, phraseKey(tool.name), {
        kind: 'tool',
        canonical: tool.name,
        ambiguous: tool.english === true,
        category: tool.category,
      }),
    );
  }
  for (const name of lexicon.tools ?? []) {
    const key = phraseKey(name);
    grow(add(phrases, key, { kind: 'tool', canonical: name, ambiguous: !key.includes(' ') && ambiguousWord(key) }));
  }
  /** A codename and its plural ("the Bluebirds", "Falcons", "Atlases", "Ospreys"), as one term. */
  const codename = (key: string, term: Term) => {
    const plural = /(?:s|x|z|ch|sh)$/.test(key)
      ? `${key}es`
      : /[^aeiou]y$/.test(key)
        ? `${key.slice(0, -1)}ies`
        : `${key}s`;
    add(phrases, plural, term);
    return add(phrases, key, term);
  };
  for (const name of lexicon.codenames ?? []) {
    const key = phraseKey(name);
    grow(codename(key, { kind: 'codename', canonical: name, ambiguous: !key.includes(' ') && ambiguousWord(key) }));
    // "Project Falcon" is also just "Falcon" in running text.
    const words = key.split(' ');
    if (words.length === 2 && (words[0] === 'project' || words[0] === 'operation')) {
      const rest = words[1] ?? '';
      codename(rest, { kind: 'codename', canonical: name, ambiguous: ambiguousWord(rest) });
    }
  }
  for (const name of lexicon.employees ?? []) {
    const words = phraseKey(name).split(' ').filter(Boolean);
    if (words.length === 0) continue;
    const employee = (form: Term['form'], ambiguous: boolean): Term => ({
      kind: 'employee',
      canonical: name,
      ambiguous,
      form,
    });
    const meaningful = words.filter((w) => !PARTICLES.has(w));
    if (words.length > 1) {
      grow(add(phrases, words.join(' '), employee('full', false)));
      const first = meaningful[0];
      const last = meaningful.at(-1);
      if (first && last && meaningful.length > 2) grow(add(phrases, `${first} ${last}`, employee('full', false)));
    }
    for (const w of meaningful) add(phrases, w, employee('part', ambiguousWord(w)));
    const first = meaningful[0] ?? '';
    const last = meaningful.at(-1) ?? '';
    if (meaningful.length > 1) {
      // first.last, first_last and first-last are the phrase "first last" to the word splitter;
      // "J. Doe" is the phrase "j doe". The glued forms are single tokens: flast, firstlast, firstl.
      add(phrases, `${first[0]} ${last}`, employee('full', false));
      for (const h of [`${first}${last}`, `${first[0]}${last}`, `${first}${last[0]}`]) {
        if (h.length >= 4 && !isCommonWord(h)) handles.set(h, employee('handle', false));
      }
    }
  }
  for (const name of lexicon.allow ?? []) {
    grow(add(phrases, phraseKey(name), { kind: 'allow', canonical: name, ambiguous: false }));
  }
  const phraseStarts = new Map<string, number>();
  const firstBits = new Uint32Array(8192);
  for (const key of [...phrases.keys(), ...handles.keys()]) {
    const words = key.split(' ');
    const first = words[0] as string;
    const n = Math.min(words.length, maxWords);
    if (n > 1 && n > (phraseStarts.get(first) ?? 0)) phraseStarts.set(first, n);
    const h = keyHash(first) >>> 14;
    firstBits[h >>> 5] = (firstBits[h >>> 5] as number) | (1 << h);
  }
  const prefixes = (lexicon.ticketPrefixes ?? []).map((p) => p.toUpperCase());
  const keys = prefixes.filter((p) => /^[A-Z][A-Z0-9]*$/.test(p));
  const result: CompiledLexicon = {
    phrases,
    maxWords,
    phraseStarts,
    handles,
    roster: (lexicon.employees ?? []).length > 0,
    firstBits,
    internalDomains: new Set((lexicon.internalDomains ?? []).map((d) => d.toLowerCase().replace(/^\.+|\.+$/g, ''))),
    allowDomains: new Set(
      (lexicon.allow ?? [])
        .map((a) =>
          a
            .trim()
            .toLowerCase()
            .replace(/^https?:\/\//, '')
            .replace(/\/.*$/, '')
            .replace(/^\.+|\.+$/g, ''),
        )
        .filter((a) => /^(?:[a-z0-9-]+\.)+[a-z][a-z0-9-]+$/.test(a)),
    ),
    ticketPrefixes: new Set(prefixes),
    ticketForms: keys.length
      ? new RegExp(`(?<![\\p{L}\\p{N}_-])(?:${keys.join('|')})[_#]?[ \\t]?\\d{1,7}(?![\\p{L}\\p{N}_]|[-.]\\d)`, 'gu')
      : null,
    allow: new Set((lexicon.allow ?? []).map((a) => foldText(a.trim()).toLowerCase())),
  };
  compiled.set(lexicon, result);
  return result;
}
