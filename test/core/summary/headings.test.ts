// Headings: the accepted list first, then a keyword fallback for the wordings people actually use.
import { describe, expect, it } from 'vitest';
import { classifyHeading, sectionForHeading } from '../../../src/core/summary/document';
import { lintSummary } from '../../../src/core/summary/lint';
import { CLEAN, LEXICON } from './fixtures';

describe('heading fallback', () => {
  it.each([
    ['Summary of what happened', 'whatHappened'],
    ['What happened?', 'whatHappened'],
    ['Executive summary', 'whatHappened'],
    ['What happened and why', 'whatHappened'],
    ['Incident description', 'whatHappened'],
    ['Customer impact and scope', 'whoWasAffected'],
    ['Who was affected?', 'whoWasAffected'],
    ['Summary of impact', 'whoWasAffected'],
    ['How we fixed it', 'whatWeDid'],
    ['Remediation and recovery', 'whatWeDid'],
    ['Our response', 'whatWeDid'],
    ['How we restored service', 'whatWeDid'],
    ['Preventing this in the future', 'prevention'],
    ['Follow-up actions', 'prevention'],
    ['Lessons learned and next steps', 'prevention'],
    ['How we will prevent this from happening again', 'prevention'],
    ['Improvements we are making', 'prevention'],
    ['Action items and timeline for fixes', 'prevention'],
  ])('maps %j', (heading, key) => {
    expect(sectionForHeading(heading)).toBe(key);
  });

  it.each([
    'Timeline',
    'Incident timeline',
    'Root cause',
    'Root cause of the issue',
    'Background',
    'Appendix',
    'Contact us',
    'Why did this happen?',
    'What caused the outage',
  ])('leaves %j to no section', (heading) => {
    expect(sectionForHeading(heading)).toBeNull();
  });

  it('says which headings are accepted and which are guessed', () => {
    expect(classifyHeading('Impact')).toEqual({ key: 'whoWasAffected', exact: true });
    expect(classifyHeading('Customer impact and scope')).toEqual({ key: 'whoWasAffected', exact: false });
  });

  it('a guessed title does not take a section an accepted heading names', () => {
    const md = `# Incident report: elevated errors\n\nSee our status page.\n\n${CLEAN.replace(/^# .*\n/, '')}`;
    const r = lintSummary(md, LEXICON);
    expect(r.findings).toEqual([]);
    expect(r.words).toBe(lintSummary(CLEAN, LEXICON).words);
  });

  it('a summary written entirely in other wordings has its four sections', () => {
    const md = CLEAN.replace('## What happened', '## Summary of what happened')
      .replace('## Who was affected', '## Customer impact and scope')
      .replace('## What we did', '## Remediation and recovery')
      .replace('## What we are doing to prevent it', '## Preventing this in the future');
    expect(lintSummary(md, LEXICON).findings).toEqual([]);
  });
});

describe('five-whys as an inline chain', () => {
  const inWhatWeDid = (s: string) => CLEAN.replace('We rolled back the change', `${s} We rolled back the change`);
  it.each([
    'Why did it fail? Because the check was skipped. Why? Because the pipeline was misconfigured.',
    'Why did the pool run out? The limit was halved. Why was it halved? A template default changed.',
    'We asked why the deploy failed? The check was skipped. And why was the check skipped? The pipeline was misconfigured.',
  ])('flags %j', (s) => {
    const r = lintSummary(inWhatWeDid(s), LEXICON);
    expect(r.findings.filter((f) => f.rule === 'five-whys').length).toBeGreaterThanOrEqual(2);
  });

  it.each([
    'Why did this happen? A configuration change reduced the pool.',
    'We know why it failed: the check was skipped, which is why we added it back.',
  ])('leaves %j alone', (s) => {
    expect(lintSummary(inWhatWeDid(s), LEXICON).findings).toEqual([]);
  });

  it('a question heading and one answer is not a chain', () => {
    const md = CLEAN.replace(
      '## What we did',
      '## Why did this happen?\nA configuration change halved the pool.\n\n## What we did',
    );
    expect(lintSummary(md, LEXICON).findings).toEqual([]);
  });
});

describe('headings as providers write them', () => {
  it.each([
    'How are we making incidents like this less likely?',
    'What are we doing about this?',
    "Why this won't happen again",
  ])('%j is the prevention section', (heading) => {
    expect(classifyHeading(heading)).toEqual({ key: 'prevention', exact: true });
  });

  const body = {
    whatHappened: 'On 26 November 2026, from 14:05 to 15:20 UTC, about 12% of API requests failed.',
    whoWasAffected: 'Customers in the US region.',
    whatWeDid: 'We rolled back the change.',
    prevention: 'We will validate pool changes in staging by 15 December 2026.',
  };

  it('bold label paragraphs open sections, the text under them counts', () => {
    const md = [
      '# Elevated API errors',
      '',
      '**What happened**',
      body.whatHappened,
      '',
      '**Who was affected:**',
      body.whoWasAffected,
      '',
      '**What we did**',
      '',
      body.whatWeDid,
      '',
      "**Why this won't happen again**",
      body.prevention,
      '',
    ].join('\n');
    const r = lintSummary(md, {});
    expect(r.findings).toEqual([]);
    expect(r.words).toBe(Object.values(body).join(' ').split(/\s+/).length);
  });

  it('a bold sentence is not a heading', () => {
    const md = `${CLEAN}\n**We apologise for the disruption.**\n`;
    expect(lintSummary(md, LEXICON).findings).toEqual([]);
  });

  it('a page title is never a section, even one that reads like one', () => {
    const md = `# What happened to checkout\n\n## Who was affected\n${body.whoWasAffected}\n\n## What we did\n${body.whatWeDid}\n\n## Prevention\n${body.prevention}\n`;
    const r = lintSummary(md, {});
    expect(r.findings.filter((f) => f.rule === 'sections').map((f) => f.message)).toEqual([
      'The "What happened" section is missing.',
    ]);
  });
});
