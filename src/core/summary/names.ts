// The lexicon rules (employee-name, codename, internal-tool): one pass over the words of the text,
// each word looked up as the start of an n-gram in the compiled maps, so the cost follows the
// length of the summary and the longest phrase, never the size of the roster or the catalogue.
import { TOOL_CATEGORIES } from './catalogue';
import { inHeading, isSentenceInitial, type SummaryDocument } from './document';
import { FIRST_NAMES } from './first-names';
import type { CompiledLexicon, Term } from './lexicon';
import type { Match } from './matches';
import type { Word } from './tokens';
import { DAY_WORDS, isCommonWord, MONTH_WORDS } from './words';

/** Between the words of one phrase: spaces (one line break at most), or a dot, hyphen or underscore (first.last). */
const JOINER = /^(?:[ \t]*\n?[ \t]*|[._-])$/;
const TOOL_CONTEXT = new Set(
  `alert alerts alerting alerted page paged pages paging channel channels message messages messaged notification
  notifications notified ticket tickets issue issues board boards dashboard dashboards workspace bot integration
  integrations thread threads doc docs document documents pipeline pipelines build builds job jobs deploy deploys
  deployment deployments flag flags monitor monitors monitoring project projects wiki space runbook runbooks huddle dm
  post posts posted app account event events error errors exception exceptions rule rules card cards task tasks
  workflow workflows run runs service instance dyno dynos trace traces tracing log logs logging metric metrics
  graph graphs query queries span spans panel panels chart charts report reports call calls`.split(/\s+/),
);
const TOOL_LEADIN = new Set('via using in on through from into our with'.split(' '));
const DATE_LEADIN = new Set(
  'on in since until by of during from through before after early late mid last next this'.split(' '),
);
/** Words before a tool that make it the customer's or a third party's ("your PagerDuty", "customers' Slack"). */
const THEIRS_BEFORE = new Set(
  'your their customers customer users user clients client merchants merchant partners'.split(' '),
);
/** Two words before a tool that make it someone else's ("the app for Slack", "traffic from GitHub Actions"). */
const THEIRS_BEFORE_TWO = new Set(
  'app for, apps for, bot for, integration for, plugin for, traffic from, connections from, requests from, webhooks from, calls from, events from, notifications to, integration with, integrations with, users of, customers of, customers using, teams using, anyone using, those using, who use, who used, sync with, syncs with'.split(
    ', ',
  ),
);
/** Words after a tool that make it someone else's ("the PagerDuty integration", "GitHub Actions runners"). */
const THEIRS_AFTER = new Set(
  'integration integrations runner runners users customers marketplace connector connectors plugin plugins extension'.split(
    ' ',
  ),
);
/** After "X's": the tool's own trouble, not ours ("PagerDuty's outage"). */
const THEIR_TROUBLE = new Set(
  'outage outages incident degradation downtime status api service platform issue issues disruption'.split(' '),
);
const PRIORITY: Record<Term['kind'], number> = { allow: 0, employee: 1, codename: 2, tool: 3 };

const isUpper = (ch: string) => ch !== ch.toLowerCase() && ch === ch.toUpperCase();

/**
 * `words`: the text's words (`splitWords`). `starts`: the indexes of the words that pass the
 * lexicon's bit test (`lexiconStarts`, found as the text was split); without them each word is
 * tested here.
 */
export function lexiconMatches(
  doc: SummaryDocument,
  lex: CompiledLexicon,
  words: readonly Word[],
  starts?: readonly number[],
): Match[] {
  const { text } = doc;
  const out: Match[] = [];

  const proper = (w: Word) => isUpper(text[w.start] ?? '');
  const allCaps = (w: Word) => {
    const s = text.slice(w.start, w.end);
    return s.length > 1 && s === s.toUpperCase() && s !== s.toLowerCase();
  };
  const initial = (w: Word) => isSentenceInitial(text, w.start) || inHeading(doc, w.start);
  const nearDigit = (w: Word) =>
    /\d/.test(text.slice(Math.max(0, w.start - 3), w.start) + text.slice(w.end, w.end + 3));

  function accepts(term: Term, first: Word, last: Word, i: number, n: number, mention: boolean): boolean {
    if (term.kind === 'allow') return true;
    const prev = words[i - 1];
    const next = words[i + n];
    const joinedToPrev =
      prev && JOINER.test(text.slice(prev.end, first.start)) && !/\n/.test(text.slice(prev.end, first.start));
    if (term.kind === 'employee') {
      if (mention || term.form === 'handle') return true;
      if (term.form === 'full') return proper(first) || n > 1;
      if (!proper(first)) return false;
      if (!term.ambiguous) return true;
      if (allCaps(first) || initial(first) || nearDigit(first)) return false;
      if (MONTH_WORDS.has(first.key) || DAY_WORDS.has(first.key)) return !(prev && DATE_LEADIN.has(prev.key));
      // "Grace Hopper Day": a capitalised word right after it makes it part of another name.
      if (next && proper(next) && JOINER.test(text.slice(last.end, next.start))) return false;
      return !(prev && joinedToPrev && DATE_LEADIN.has(prev.key) && MONTH_WORDS.has(first.key));
    }
    if (!term.ambiguous) return true;
    // An English word: only the proper noun, where capitals are not automatic, or with tool-ish words around it.
    if (!proper(first) || (allCaps(first) && first.end - first.start > 3)) return false;
    const context = (next && TOOL_CONTEXT.has(next.key)) || (prev && joinedToPrev && TOOL_LEADIN.has(prev.key));
    if (initial(first)) return Boolean(context) && term.kind === 'tool';
    if (context) return true;
    // Title Case runs ("The Linear Regression Model") are names of other things.
    const after = words[i + n + 1];
    const joinedNext = next && JOINER.test(text.slice(last.end, next.start));
    const titleRun = joinedNext && proper(next) && ((prev && joinedToPrev && proper(prev)) || (after && proper(after)));
    return !titleRun && !nearDigit(last);
  }

  /** A catalogue tool named as the customer's or a third party's: not our tooling. "Our X" is always ours. */
  function theirs(i: number, n: number): boolean {
    const prev = words[i - 1];
    const prev2 = words[i - 2];
    const last = words[i + n - 1] as Word;
    const next = words[i + n];
    if (prev?.key === 'our' || prev?.key === 'we') return false;
    if (prev && THEIRS_BEFORE.has(prev.key)) return true;
    if (prev && prev2 && THEIRS_BEFORE_TWO.has(`${prev2.key} ${prev.key}`)) return true;
    if (!next) return false;
    if (THEIRS_AFTER.has(next.key) && JOINER.test(text.slice(last.end, next.start))) return true;
    const possessive =
      /^['’]s[ \t]+$/.test(text.slice(last.end, next.start)) || /['’]s$/.test(text.slice(last.start, last.end));
    return possessive && THEIR_TROUBLE.has(next.key);
  }

  let i = 0;
  let next = 0; // the next of `starts` to visit
  while (i < words.length) {
    if (starts) {
      // Straight to the next word that passed the bit test (and is not inside a match already made).
      while (next < starts.length && (starts[next] as number) < i) next++;
      if (next === starts.length) break;
      i = starts[next] as number;
    }
    const first = words[i] as Word;
    // Most words begin nothing: one bit test and on.
    if (!starts && !((lex.firstBits[first.hash >>> 19] as number) & (1 << (first.hash >>> 14)))) {
      i++;
      continue;
    }
    const mention = text[first.start - 1] === '@';
    const keys: string[] = [first.key];
    // Only words that begin some multi-word phrase need the longer look-ups.
    const longest = lex.phraseStarts.get(first.key) ?? 1;
    for (let n = 2; n <= longest && i + n - 1 < words.length; n++) {
      const a = words[i + n - 2] as Word;
      const b = words[i + n - 1] as Word;
      const sep = text.slice(a.end, b.start);
      // "J. Doe": an initial and its full stop still join a name.
      if (!JOINER.test(sep) && !(a.end - a.start === 1 && /^\.[ \t]+$/.test(sep))) break;
      keys.push(`${keys[n - 2]} ${b.key}`);
    }
    let matched = 0;
    for (let n = keys.length; n >= 1 && !matched; n--) {
      const terms = lex.phrases.get(keys[n - 1] as string);
      if (!terms) continue;
      const last = words[i + n - 1] as Word;
      const ordered = [...terms].sort((x, y) => PRIORITY[x.kind] - PRIORITY[y.kind]);
      const term = ordered.find((t) => accepts(t, first, last, i, n, mention));
      if (!term) continue;
      matched = n;
      if (term.kind === 'tool' && theirs(i, n)) continue;
      if (term.kind !== 'allow') out.push(matchFor(term, mention ? first.start - 1 : first.start, last.end, text));
    }
    if (!matched) {
      const handle = lex.handles.get(first.key);
      if (handle) {
        out.push(matchFor(handle, mention ? first.start - 1 : first.start, first.end, text));
        matched = 1;
      }
    }
    i += matched || 1;
  }
  return out;
}

const BLAME_VERB_AFTER =
  /^['’]?s?[ \t]+(?:[\p{L}]+ly[ \t]+)?(?:ran|executed|typed|deleted|dropped|pushed|forgot|made[ \t]+a[ \t]+mistake|misconfigured|ignored|failed[ \t]+to|did[ \t]+not|didn't|missed|mistyped|clicked|skipped|bypassed|overlooked|entered|removed|truncated|wiped|broke|caused)(?![\p{L}])/u;

function matchFor(term: Term, start: number, end: number, text: string): Match {
  const excerpt = text.slice(start, end);
  switch (term.kind) {
    case 'employee':
      return {
        rule: 'employee-name',
        start,
        end,
        message: `"${excerpt}" names someone on the team; a customer summary says what happened, not who did it.`,
        // "an engineer pushed …" would read as blame: then the team, not a person.
        suggestion: BLAME_VERB_AFTER.test(text.slice(end, end + 60)) ? 'the team' : 'an engineer',
      };
    case 'codename':
      return {
        rule: 'codename',
        start,
        end,
        message: `"${excerpt}" is an internal codename customers do not know.`,
        suggestion: 'name the affected feature or service in plain words',
      };
    default:
      return {
        rule: 'internal-tool',
        start,
        end,
        message: `"${excerpt}" is an internal tool; customers need the effect, not the tooling.`,
        suggestion: term.category
          ? TOOL_CATEGORIES[term.category]
          : 'describe what the tool does, e.g. "our monitoring"',
      };
  }
}

/** What a person does to a system in an incident write-up: "Tom restarted", "Priya Natarajan pushed". */
const ACTION_VERBS = new Set(
  `pushed restarted deployed redeployed ran merged deleted reverted rolled noticed fixed paged applied changed updated
  approved triggered shipped executed dropped migrated rebooted disabled enabled escalated investigated killed
  misconfigured removed acknowledged declared flipped toggled forgot patched released upgraded downgraded scaled
  typed clicked truncated wiped broke failed missed skipped bypassed overlooked committed configured started stopped
  restored rotated revoked edited modified replaced drained over promoted spotted found discovered identified
  mitigated resolved`.split(/\s+/),
);

/**
 * `possible-name` (a warning, only without a roster): a capitalised common given name, alone or
 * followed by a capitalised surname, as the subject of an action verb.
 */
export function possibleNames(doc: SummaryDocument, words: readonly Word[]): Match[] {
  const { text } = doc;
  const out: Match[] = [];
  const capitalised = (w: Word) => {
    const c0 = text.charCodeAt(w.start);
    if ((c0 >= 97 && c0 <= 122) || (c0 >= 48 && c0 <= 57)) return false; // a lower-case letter or a digit
    const c = text[w.start] ?? '';
    return (
      c !== c.toLowerCase() && text[w.start + 1] !== undefined && text[w.start + 1] === text[w.start + 1]?.toLowerCase()
    );
  };
  const spaced = (a: Word, b: Word) => /^[ \t]+$/.test(text.slice(a.end, b.start));
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as Word;
    // Capitals first: most words are not, and their keys are never made.
    if (!capitalised(w) || !FIRST_NAMES.has(w.key) || isCommonWord(w.key)) continue;
    let last = w;
    let lastIndex = i;
    let next = words[i + 1];
    if (next && capitalised(next) && spaced(w, next) && !ACTION_VERBS.has(next.key) && !isCommonWord(next.key)) {
      last = next;
      lastIndex = i + 1;
      next = words[i + 2];
    }
    if (!next || !spaced(last, next) || !ACTION_VERBS.has(next.key)) continue;
    // "Tom's" is the same person; "Tom" at the end of a compound ("the Tom Ford store") is not checked here.
    const excerpt = text.slice(w.start, last.end);
    out.push({
      rule: 'possible-name',
      severity: 'warning',
      start: w.start,
      end: last.end,
      message: `"${excerpt}" looks like a person's name; a customer summary says what happened, not who did it.`,
      suggestion: 'the team',
    });
    i = lastIndex;
  }
  return out;
}
