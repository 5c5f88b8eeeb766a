// The organisation behind the corpus: a payments and developer-platform company ("Northwind") with a
// roster whose names are also English words, codenames, internal tools and its own product names.
import type { Lexicon } from '../../../../src/core/summary/lexicon';

export const CORPUS_LEXICON: Lexicon = {
  employees: [
    'Dana Whitfield',
    'Tomasz Kowalski',
    'Aisha Bello',
    'Mei Chen',
    'Carlos Mendes',
    'Grace Park',
    'Will Turner',
    'Mark Green',
    'Sofia Rossi',
    'Hunter Brooks',
    'Ravi Shankar',
    "Liam O'Connor",
  ],
  codenames: ['Project Halcyon', 'Kestrel', 'Tidewater', 'Lighthouse'],
  tools: ['Shipyard', 'Switchboard', 'Periscope', 'Pulse'],
  internalDomains: ['nw-internal.net', 'corp.northwind.io'],
  ticketPrefixes: ['NW', 'PAY', 'INFRA'],
  allow: ['Northwind Pay', 'Beacon', 'Northwind Relay', 'Pilot'],
};
