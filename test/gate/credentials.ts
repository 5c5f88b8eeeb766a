// Credentials as a writer might paste them into public text, for the end-to-end check that none
// reaches the database, an API response, a feed or a page. Assembled at run time from pieces so no
// secret scanner flags this file.
//
// A case is plain data so other lists plug in: the gate's disguise list (test/fixtures/disguises.ts:
// invisible characters, look-alikes, entities ...) maps onto it with `text` as written and
// `forbidden` holding the plain credential.
import { DISGUISES } from '../fixtures/disguises';

export interface CredentialCase {
  name: string;
  /** The public text as the writer sends it, credential included. */
  text: string;
  /** Strings that must appear nowhere: the credential, or a distinctive piece of it. */
  forbidden: string[];
}

const AWS = ['AKIA', 'IOSFODNN7', 'EXAMPLE'].join('');
const GITHUB = ['ghp', '_', 'R2d2C3po'.repeat(4), 'Bb8x'].join('');
const PASSWORD = ['Tr0ub4dor', '&3'].join('');
const KEY_BODY = 'MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM';
const PRIVATE_KEY = [
  ['-----BEGIN', 'RSA PRIVATE KEY-----'].join(' '),
  KEY_BODY,
  ['-----END', 'RSA PRIVATE KEY-----'].join(' '),
].join('\n');
const SLACK = ['xox', 'b-', '1234567890', '-', '1234567890123', '-', 'AbCdEfGhIjKlMnOpQrStUvWx'].join('');
const STRIPE = ['sk', '_live_', '4eC39HqLyjWDarjtT1zdp7dc'].join('');
const DB_PASSWORD = 'S3cretPassw0rd';
const DB_URL = ['postgres://', 'app:', DB_PASSWORD, '@db.example.com:5432/app'].join('');

export const PLAIN_CREDENTIALS: CredentialCase[] = [
  { name: 'AWS access key id', text: `We rotated ${AWS} after the incident`, forbidden: [AWS] },
  { name: 'GitHub token', text: `Token ${GITHUB} was revoked`, forbidden: [GITHUB] },
  { name: 'password assignment', text: `The old password=${PASSWORD} is gone`, forbidden: ['Tr0ub4dor'] },
  { name: 'private key block', text: `Key:\n${PRIVATE_KEY}`, forbidden: [KEY_BODY] },
  { name: 'Slack bot token', text: `Bot ${SLACK} rotated`, forbidden: [SLACK] },
  { name: 'Stripe live key', text: `Stripe key ${STRIPE} rolled`, forbidden: [STRIPE] },
  { name: 'database URL with a password', text: `Connect with ${DB_URL} again`, forbidden: [DB_PASSWORD] },
];

/** Every disguised credential of the gate's list: stored, rendered or echoed in no spelling. */
export const DISGUISED_CREDENTIALS: CredentialCase[] = DISGUISES.flatMap((d) =>
  d.credential ? [{ name: `disguised: ${d.name}`, text: d.text, forbidden: [d.credential] }] : [],
);

/** The cases the end-to-end test runs; extend with more lists here. */
export const CREDENTIAL_CASES: CredentialCase[] = [...PLAIN_CREDENTIALS, ...DISGUISED_CREDENTIALS];
