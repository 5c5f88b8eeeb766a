// Times of day in a summary: 24- and 12-hour clock times, ranges ("10:02–11:40 UTC" puts both ends
// in UTC) and ISO-8601 instants, each with the zone it was stated in. Feeds `utc-times` and
// `times-mismatch`.

export interface TimeMention {
  start: number;
  end: number;
  /** Minutes after midnight. */
  minutes: number;
  /** Epoch ms of the calendar date when the text gives one (ISO-8601), else null. */
  dateMs: number | null;
  zone: 'utc' | 'other' | 'none';
  /** For a time with no zone of its own under an "all times are PDT" statement: that zone. */
  statedZone?: string;
}

/** A time of day (sticky: tried where one can begin, see timeMentions). */
export const TIME =
  /(?<![\p{L}\p{N}:./]|(?<!\d)-)(?:(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?|(\d{1,2})(?:[:.](\d{2}))?(?::\d{2})?[ \t]*([ap]\.?m\.?|[AP]\.?M\.?)?|(noon|midnight))(?=Z(?![\p{L}\p{N}])|(?:UTC|GMT)(?![\p{L}])|(?![\p{L}\p{N}]|[:.]\d))/uy;
const UTC_AFTER =
  /^[ \t]*\(?[ \t]*(?:UTC|GMT|Z(?![\p{L}])|Coordinated Universal Time|Zulu|\+00:?00|UTC[ \t]*[+±][ \t]*0{1,2}(?::?00)?|Etc\/(?:UTC|GMT|Zulu))(?![\p{L}])/iu;
/** A zone other than UTC: an offset, an abbreviation, a zone's name, an IANA name ("US/Pacific", "Europe/Berlin"). */
const OTHER_AFTER =
  /^[ \t]*\(?[ \t]*(?:(?:UTC|GMT)[ \t]*[+-−][ \t]*\d{1,2}(?::?\d{2})?|\+\d{2}:?\d{2}|[-−]\d{2}:?\d{2}(?![ \t]*(?:UTC|GMT|Z(?![\p{L}])|[AaPp]\.?[Mm]|[A-Z]{3,4}(?![\p{L}])))|(?:PST|PDT|EST|EDT|CST|CDT|MST|MDT|AKST|AKDT|HST|CET|CEST|EET|EEST|WET|WEST|BST|IST|JST|KST|AEST|AEDT|ACST|AWST|NZST|NZDT|SGT|HKT|MSK|BRT|ART)(?![\p{L}])|local[ \t]+time|(?:Pacific|Eastern|Central|Mountain|European|British|India|Japan|Australian)[ \t]+(?:Standard[ \t]+|Daylight[ \t]+|Summer[ \t]+)?Time|(?:US|America|Europe|Asia|Australia|Africa|Pacific|Atlantic|Indian|Canada|Brazil|Mexico|Antarctica|Arctic)\/[A-Za-z_]+(?:\/[A-Za-z_]+)?)/u;
const RANGE_JOIN = /^[ \t]*(?:-|–|—|→|to|and|until|till|through|thru)[ \t]*$/i;
/** "All times are in UTC", "Times below are UTC", "all times UTC", "Times: UTC", "(UTC)", "in UTC". */
const GLOBAL_UTC =
  /(?:\btimes?(?:[ \t]+(?:below|above|here|mentioned|in[ \t]+this[ \t]+[a-z]+))?[ \t]*:?[ \t]+(?:are[ \t]+|is[ \t]+)?(?:shown[ \t]+|given[ \t]+|listed[ \t]+|stated[ \t]+|expressed[ \t]+)?(?:in[ \t]+)?(?:UTC|GMT)\b|\(UTC\)|\bin[ \t]+UTC\b)/i;

/**
 * "All times are PDT", "times below are in US/Pacific", "all times Eastern Time": a zone other than
 * UTC for every time (sticky: tried where "time(s)" begins). Literals, not strings joined around
 * the IANA names: fewer bytes in the Worker.
 */
const GLOBAL_OTHER_AT =
  /\btimes?(?:[ \t]+(?:below|above|here|mentioned|in[ \t]+this[ \t]+[a-z]+))?[ \t]*:?[ \t]+(?:are[ \t]+|is[ \t]+)?(?:shown[ \t]+|given[ \t]+|listed[ \t]+|stated[ \t]+|expressed[ \t]+)?(?:in[ \t]+)?(PST|PDT|EST|EDT|CST|CDT|MST|MDT|CET|CEST|BST|IST|JST|AEST|AEDT|local[ \t]+time|(?:Pacific|Eastern|Central|Mountain)(?:[ \t]+(?:Standard|Daylight))?[ \t]+Time|(?:US|America|Europe|Asia|Australia|Africa|Pacific|Atlantic|Indian|Canada|Brazil|Mexico|Antarctica|Arctic)\/[A-Za-z_]+(?:\/[A-Za-z_]+)?)(?![\p{L}])/iuy;
const TIMES_WORD = /\btimes?\b/gi;
/** The zone of an "all times are PDT" statement: GLOBAL_OTHER_AT tried only where "time(s)" begins. */
function statedZone(text: string): RegExpExecArray | null {
  TIMES_WORD.lastIndex = 0;
  for (let m = TIMES_WORD.exec(text); m !== null; m = TIMES_WORD.exec(text)) {
    GLOBAL_OTHER_AT.lastIndex = m.index;
    const found = GLOBAL_OTHER_AT.exec(text);
    if (found) return found;
  }
  return null;
}
/** Between a UTC time and a local-time gloss of it: "14:05 UTC (10:05 EDT)", "14:05 UTC / 10:05 EDT". */
const GLOSS_JOIN = /^[ \t]*(?:\(?[ \t]*(?:UTC|GMT|Z)[ \t]*\)?)?[ \t]*(?:\(|\/|,|;|[-–—][ \t])[ \t]*$/i;

/** Where TIME may begin: a run of digits (its look-behind forbids a digit before one), "noon", "midnight". */
const CANDIDATE = /\d+|noon|midnight/g;
const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Whether TIME at `at`, where a candidate `n` long begins (a run of digits, "noon" or "midnight"),
 * can find a time: "2024-" may begin an ISO instant; one or two digits need ":" or "." or an am/pm
 * after them (else TIME finds a bare number at most, which is no time, or nothing). A run of three
 * digits or more is never a time's hour. Most numbers in a summary ("12% of", "HTTP 503") go no further.
 */
export function mayBeTime(s: string, at: number, n: number): boolean {
  if (!isDigit(s.charCodeAt(at))) return true; // noon, midnight
  const next = s.charCodeAt(at + n);
  if (n === 4) return next === 45;
  if (n > 2) return false;
  if (next === 58 || next === 46) return true;
  let k = at + n;
  while (s.charCodeAt(k) === 32 || s.charCodeAt(k) === 9) k++;
  const c = s.charCodeAt(k) | 32;
  return c === 97 || c === 112;
}

export function timeMentions(text: string, from: number, to: number, documentText: string): TimeMention[] {
  const found: TimeMention[] = [];
  const slice = text.slice(from, to);
  // TIME is tried only where a time can begin: a run of ASCII digits (its look-behind forbids a
  // digit before one), "noon" or "midnight". Those skipped inside a time found are not tried, so
  // these are the matches a scan of every position would find.
  let lastEnd = 0;
  // Each candidate found by a test (no match object): it ends at lastIndex, and begins after the
  // digits before that, or 4 or 8 back for "noon" and "midnight".
  CANDIDATE.lastIndex = 0;
  while (CANDIDATE.test(slice)) {
    const after = CANDIDATE.lastIndex;
    const tail = slice.charCodeAt(after - 1);
    let at = after - (tail === 110 ? 4 : tail === 116 ? 8 : 1);
    if (tail !== 110 && tail !== 116) while (at > 0 && isDigit(slice.charCodeAt(at - 1))) at--;
    if (at < lastEnd || !mayBeTime(slice, at, after - at)) continue;
    TIME.lastIndex = at;
    const m = TIME.exec(slice);
    if (m === null) continue;
    lastEnd = at + m[0].length;
    const start = from + m.index;
    const end = start + m[0].trimEnd().length;
    let minutes: number;
    let dateMs: number | null = null;
    let zone: TimeMention['zone'] = 'none';
    if (m[1]) {
      minutes = Number(m[4]) * 60 + Number(m[5]);
      dateMs = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
      if (Number.isNaN(dateMs) || Number(m[4]) > 23 || Number(m[5]) > 59) continue;
      if (m[6]) zone = /^(?:Z|[+-]00:?00)$/.test(m[6]) ? 'utc' : 'other';
    } else if (m[10]) {
      minutes = m[10].toLowerCase() === 'noon' ? 720 : 0;
    } else {
      const h = Number(m[7]);
      const min = m[8] === undefined ? 0 : Number(m[8]);
      const ampm = m[9]?.toLowerCase().replace(/\./g, '');
      // A bare number is not a time; "10.30" needs am/pm or a zone to be one.
      if (m[8] === undefined && !ampm) continue;
      if (min > 59) continue;
      if (ampm) {
        if (h < 1 || h > 12) continue;
        minutes = ((h % 12) + (ampm === 'pm' ? 12 : 0)) * 60 + min;
      } else {
        if (h > 23) continue;
        if (
          m[0].includes('.') &&
          !UTC_AFTER.test(text.slice(end, end + 40)) &&
          !OTHER_AFTER.test(text.slice(end, end + 40))
        ) {
          continue;
        }
        minutes = h * 60 + min;
      }
    }
    if (zone === 'none') {
      const after = text.slice(end, end + 40);
      if (UTC_AFTER.test(after)) zone = 'utc';
      else if (OTHER_AFTER.test(after)) zone = 'other';
    }
    found.push({ start, end, minutes, dateMs, zone });
  }
  // "10:02–11:40 UTC": the zone after a range applies to both ends.
  for (let i = found.length - 2; i >= 0; i--) {
    const a = found[i] as TimeMention;
    const b = found[i + 1] as TimeMention;
    if (
      a.zone === 'none' &&
      b.zone !== 'none' &&
      RANGE_JOIN.test(text.slice(a.end, b.start).replace(/^\s*(?:UTC|GMT)?/, ''))
    ) {
      a.zone = b.zone;
    }
  }
  for (let i = 1; i < found.length; i++) {
    const a = found[i - 1] as TimeMention;
    const b = found[i] as TimeMention;
    if (
      b.zone === 'none' &&
      a.zone !== 'none' &&
      RANGE_JOIN.test(text.slice(a.end, b.start).replace(/^\s*\(?(?:UTC|GMT|Z)\)?/, ''))
    ) {
      b.zone = a.zone;
    }
  }
  // "All times are in UTC" zones every bare time as UTC; otherwise "all times are PDT" zones them as PDT.
  // Both only zone a time that has none: when every time has its own, neither is looked for.
  const bare = found.some((t) => t.zone === 'none');
  if (bare && GLOBAL_UTC.test(documentText)) {
    for (const t of found) if (t.zone === 'none') t.zone = 'utc';
  } else if (bare) {
    const stated = statedZone(documentText);
    if (stated) {
      for (const t of found) {
        if (t.zone !== 'none') continue;
        t.zone = 'other';
        t.statedZone = stated[1];
      }
    }
  }
  // A local-time gloss right after a UTC time (or a range of them) restates it: not a second time.
  const kept: TimeMention[] = [];
  let glossing = false;
  for (let i = 0; i < found.length; i++) {
    const t = found[i] as TimeMention;
    const prev = found[i - 1];
    if (t.zone === 'other' && prev) {
      const gap = text.slice(prev.end, t.start);
      if (
        (prev.zone === 'utc' && GLOSS_JOIN.test(gap)) ||
        (glossing && RANGE_JOIN.test(gap.replace(/^\s*\(?[A-Za-z/_]*\)?/, '')))
      ) {
        glossing = true;
        continue;
      }
    }
    glossing = false;
    kept.push(t);
  }
  return kept;
}

const DAY = 86_400_000;

/** The instant a stated time most plausibly means near `recorded` (its own date if it has one). */
export function nearestInstant(t: TimeMention, recorded: number): number {
  if (t.dateMs !== null) return t.dateMs + t.minutes * 60_000;
  const midnight = Math.floor(recorded / DAY) * DAY;
  let best = midnight + t.minutes * 60_000;
  for (const offset of [-DAY, DAY]) {
    const candidate = midnight + offset + t.minutes * 60_000;
    if (Math.abs(candidate - recorded) < Math.abs(best - recorded)) best = candidate;
  }
  return best;
}

export function hhmm(ms: number): string {
  return new Date(ms).toISOString().slice(11, 16);
}
