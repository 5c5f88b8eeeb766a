// /badge.svg: an embeddable status badge; the words carry the status, colour only repeats it.
import type { Indicator } from '../../core/public/status';

const FILL: Record<Indicator | 'maintenance', string> = {
  none: '#1a7f37',
  minor: '#9a6700',
  major: '#bc4c00',
  critical: '#cf222e',
  maintenance: '#0969da',
};

const WORDS: Record<Indicator | 'maintenance', string> = {
  none: 'operational',
  minor: 'degraded',
  major: 'partial outage',
  critical: 'major outage',
  maintenance: 'maintenance',
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A flat two-part badge ("status | operational"); widths approximate 11 px Verdana. */
export function badgeSvg(label: string, indicator: Indicator, maintenance: boolean): string {
  const key = maintenance ? 'maintenance' : indicator;
  const value = WORDS[key];
  const w = (s: string) => Math.round(s.length * 6.6 + 12);
  const lw = w(label);
  const vw = w(value);
  const title = `${label}: ${value}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${lw + vw}" height="20" role="img" aria-label="${esc(title)}"><title>${esc(title)}</title><rect width="${lw}" height="20" fill="#444d56"/><rect x="${lw}" width="${vw}" height="20" fill="${FILL[key]}"/><g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle"><text x="${lw / 2}" y="14">${esc(label)}</text><text x="${lw + vw / 2}" y="14">${esc(value)}</text></g></svg>`;
}
