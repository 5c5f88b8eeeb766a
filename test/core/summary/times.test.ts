// timeMentions reads every way a summary writes a time of day, and passes over the numbers that are
// not one ("12% of", "503 requests").
import { describe, expect, it } from 'vitest';
import { timeMentions } from '../../../src/core/summary/times';

describe('timeMentions', () => {
  it('finds every way of writing a time, and no bare number', () => {
    const text = 'From 14:05 to 3.30 pm, then 9 AM, 2026-11-26T14:05Z, noon, midnight and 7pm; 12% of 503 requests.';
    const found = timeMentions(text, 0, text.length, text).map((t) => text.slice(t.start, t.end));
    expect(found).toEqual(['14:05', '3.30 pm', '9 AM', '2026-11-26T14:05Z', 'noon', 'midnight', '7pm']);
  });
});
