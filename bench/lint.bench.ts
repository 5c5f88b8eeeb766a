// `npm run bench -- lint`: lintSummary against a big roster, on a corpus of realistic 250-400-word
// four-section summaries (built from the clean test corpus, several write-ups' sections joined).
// Reports the aggregate lint time against marked.lexer on the same texts (target <= 2x), the same
// for the synthetic 400-word text, and the ratio of 10,000 employees to 10 (target <= 1.5x:
// lookups must not scale with the roster). Then every adversarial shape (one piece repeated to
// 60 KB, see test/core/summary/adversarial-shapes.ts) and the slowest warm lint (target < 100 ms).
import { marked } from 'marked';
import { CATALOGUE } from '../src/core/summary/catalogue';
import { parseSummary } from '../src/core/summary/document';
import { compileLexicon, type Lexicon } from '../src/core/summary/lexicon';
import { lintSummary } from '../src/core/summary/lint';
import { SECTION_KEYS, SECTION_TITLES } from '../src/core/summary/types';
import { ADVERSARIAL_PIECES, ADVERSARIAL_PREFIXES, adversarialText } from '../test/core/summary/adversarial-shapes';
import { CLEAN_CORPUS } from '../test/core/summary/corpus/clean';
import { LEXICON } from '../test/core/summary/fixtures';

const FIRST = [
  'Ada',
  'Bram',
  'Cleo',
  'Dario',
  'Esme',
  'Farid',
  'Greta',
  'Hugo',
  'Ines',
  'Jonas',
  'Kaia',
  'Luca',
  'Mina',
  'Nils',
  'Oona',
  'Pavel',
  'Quinn',
  'Rosa',
  'Sven',
  'Tara',
];
const LAST = [
  'Abara',
  'Brandt',
  'Castell',
  'Dumont',
  'Eklund',
  'Ferraz',
  'Gorski',
  'Halvorsen',
  'Ibarra',
  'Jensen',
  'Kowal',
  'Lindqvist',
  'Moreau',
  'Novak',
  'Okafor',
  'Petrov',
  'Quist',
  'Rinaldi',
  'Sato',
  'Tanaka',
];

/** Deterministic names: "First Last" with a numbered suffix on the last name beyond 400. */
function roster(n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const f = FIRST[i % FIRST.length];
    const l = LAST[Math.floor(i / FIRST.length) % LAST.length];
    const round = Math.floor(i / (FIRST.length * LAST.length));
    return `${f} ${l}${round ? `son${round}` : ''}`;
  });
}

const codenames = Array.from({ length: 300 }, (_, i) => `Kestrel${i.toString(36)}`);
const lexicon = (employees: number): Lexicon => ({
  employees: roster(employees),
  codenames,
  tools: CATALOGUE.slice(0, 20).map((t) => `${t.name} Internal`),
  internalDomains: ['corp.example.net'],
  ticketPrefixes: ['OPS', 'PLAT'],
});

const sentence =
  'On 26 November from 14:05 to 15:20 UTC about 12% of API requests in us-east-1 failed with HTTP 503 errors while our database pool was saturated and retries used a linear backoff.';
function summary(): string {
  const words = (target: number, seed: string) => {
    const out: string[] = [];
    while (out.length < target) out.push(...seed.split(' '));
    return out.slice(0, target).join(' ');
  };
  const md = `# Elevated API errors

## What happened
${words(130, sentence)}

## Who was affected
${words(90, 'Customers on the Business plan in the US region saw slower pages and some failed requests during the window.')}

## What we did
${words(116, 'We rolled back the configuration change, scaled up the pool and confirmed error rates returned to normal.')}

## What we are doing to prevent it
1. ${words(32, 'Validate pool changes in staging before each release by 15 December 2026.')}
2. ${words(32, 'Add an alert on pool saturation by 31 January 2027.')}
`;
  return md;
}

/** Realistic long summaries: each section joins the same section of three corpus write-ups (250-400 words). */
function corpus(): string[] {
  const parsed = CLEAN_CORPUS.map((c) => parseSummary(c.markdown));
  const body = (i: number, key: (typeof SECTION_KEYS)[number]) => {
    const doc = parsed[i % parsed.length];
    const part = doc?.sections.get(key)?.[0];
    return part ? doc.text.slice(part.bodyStart, part.end).trim() : '';
  };
  const out: string[] = [];
  for (let i = 0; i < parsed.length; i++) {
    const sections = SECTION_KEYS.map((key) => {
      const parts = [body(i, key), body(i + 7, key), key === 'prevention' ? '' : body(i + 13, key)];
      return `## ${SECTION_TITLES[key]}\n\n${parts.filter(Boolean).join('\n\n')}\n`;
    });
    const md = `# Incident report\n\n${sections.join('\n')}`;
    const words = lintSummary(md, {}).words;
    if (words >= 250 && words <= 400) out.push(md);
  }
  return out;
}

/**
 * Corpus totals of several functions measured in interleaved rounds: each round times every function
 * on every text (a few runs each, in turn), so a change in machine load hits all of them alike. The
 * totals and each function's ratio to the first are the medians over the rounds.
 */
function interleaved(
  texts: string[],
  fns: ((t: string) => void)[],
  rounds = 25,
  reps = 6,
): { totals: number[]; ratios: number[] } {
  for (let i = 0; i < 30; i++) for (const t of texts) for (const fn of fns) fn(t); // warm up the JIT and the lexicon cache
  const perRound: number[][] = [];
  for (let r = 0; r < rounds; r++) {
    const sums = fns.map(() => 0);
    for (const t of texts) {
      fns.forEach((fn, k) => {
        const t0 = performance.now();
        for (let i = 0; i < reps; i++) fn(t);
        sums[k] = (sums[k] ?? 0) + (performance.now() - t0) / reps;
      });
    }
    perRound.push(sums);
  }
  const med = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  return {
    totals: fns.map((_, k) => med(perRound.map((s) => s[k] ?? 0))),
    ratios: fns.map((_, k) => med(perRound.map((s) => (s[k] ?? 0) / (s[0] ?? 1)))),
  };
}

const texts = corpus();
const text = summary();
const big = lexicon(1_000);
const tiny = lexicon(10);
const huge = lexicon(10_000);
const t0 = performance.now();
compileLexicon(huge);
const compileMs = performance.now() - t0;
for (const l of [big, tiny]) compileLexicon(l);

const result = lintSummary(text, big);
// The synthetic text the same way as the corpus: interleaved rounds (timed one after another, its
// figures swung by 3x between runs on a shared machine).
const synthetic = interleaved(
  [text],
  [
    () => marked.lexer(text),
    () => lintSummary(text, big),
    () => lintSummary(text, tiny),
    () => lintSummary(text, huge),
  ],
  60,
  20,
);
const [lexMs = 0, lintMs = 0, tinyMs = 0, hugeMs = 0] = synthetic.totals;

const measured = interleaved(texts, [
  (t) => marked.lexer(t),
  (t) => lintSummary(t, big),
  (t) => lintSummary(t, tiny),
  (t) => lintSummary(t, huge),
]);
const [corpusLex = 0, corpusLint = 0, corpusTiny = 0, corpusHuge = 0] = measured.totals;
const lintRatio = measured.ratios[1] ?? 0;
const rosterRatio = (measured.ratios[3] ?? 0) / (measured.ratios[2] ?? 1);
const fmt = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;
const wordCounts = texts.map((t) => lintSummary(t, {}).words);
console.log(
  `corpus: ${texts.length} realistic summaries of ${Math.min(...wordCounts)}-${Math.max(...wordCounts)} words`,
);
console.log(`corpus marked.lexer total      ${fmt(corpusLex)}`);
console.log(
  `corpus lintSummary total       ${fmt(corpusLint)}   ratio to marked.lexer ${lintRatio.toFixed(2)}x (target <= 2x; median of interleaved rounds)`,
);
console.log(
  `corpus 10,000 / 10 employees   ${fmt(corpusHuge)} / ${fmt(corpusTiny)}   ratio ${rosterRatio.toFixed(2)}x (target <= 1.5x)`,
);
console.log('synthetic 400-word text:');
console.log(`summary: ${result.words} words, ${result.findings.length} findings (ok=${result.ok})`);
console.log(`lexicon: 1,000 employees + 300 codenames + ${CATALOGUE.length} catalogue tools`);
console.log(`marked.lexer median           ${fmt(lexMs)}`);
console.log(
  `lintSummary median            ${fmt(lintMs)}   ratio to marked.lexer ${(synthetic.ratios[1] ?? 0).toFixed(2)}x`,
);
console.log(`lint with 10 employees        ${fmt(tinyMs)}`);
console.log(
  `lint with 10,000 employees    ${fmt(hugeMs)}   ratio 10,000 / 10 ${((synthetic.ratios[3] ?? 0) / (synthetic.ratios[2] ?? 1)).toFixed(2)}x (target <= 1.5x)`,
);
console.log(`one-off compile of the 10,000-employee lexicon ${compileMs.toFixed(1)} ms (cached per lexicon object)`);

// Adversarial inputs near the size limit: each shape warmed once, then the median of 3 lints.
const adversarial: [string, number][] = [];
for (const prefix of ADVERSARIAL_PREFIXES) {
  for (const piece of ADVERSARIAL_PIECES) {
    const t = adversarialText(prefix, piece);
    lintSummary(t, LEXICON);
    const runs = [0, 1, 2].map(() => {
      const s = performance.now();
      lintSummary(t, LEXICON);
      return performance.now() - s;
    });
    adversarial.push([JSON.stringify(prefix + piece), runs.sort((a, b) => a - b)[1] ?? 0]);
  }
}
adversarial.sort((a, b) => b[1] - a[1]);
const over = adversarial.filter(([, ms]) => ms >= 100).length;
console.log(
  `adversarial: ${adversarial.length} shapes of 60 KB, slowest warm lintSummary ${adversarial
    .slice(0, 3)
    .map(([s, ms]) => `${s} ${ms.toFixed(1)} ms`)
    .join(', ')} (target < 100 ms; ${over} at or over)`,
);
