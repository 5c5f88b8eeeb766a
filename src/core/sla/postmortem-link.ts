// The internal postmortem's link: what may be recorded. Pure. The link is a place a person opens
// (a file on GitHub, a wiki page), so only http(s), and never a URL that carries a credential.

export type PostmortemUrlProblem = 'invalid_url' | 'scheme' | 'credentials' | 'too_long';

export const POSTMORTEM_URL_PROBLEM_TEXT: Record<PostmortemUrlProblem, string> = {
  invalid_url: 'is not a valid absolute URL',
  scheme: 'must be an http or https URL',
  credentials: 'must not carry a credential (a user name, password, token or signature); link the document itself',
  too_long: 'must be at most 2000 characters',
};

export const POSTMORTEM_URL_MAX = 2000;

/** Query or fragment parameters whose value is a credential (signed links, API keys, session tokens). */
const CREDENTIAL_PARAM =
  /^(?:x-amz-(?:signature|credential|security-token)|sig|signature|token|access[_-]?token|auth|authorization|api[_-]?key|apikey|key|secret|client[_-]?secret|password|passwd|pwd|private[_-]?token|session|sessionid|code)$/i;
/** Credential formats with a recognisable shape (GitHub, GitLab, Slack, AWS, Google, Stripe, JWT). */
const CREDENTIAL_SHAPE =
  /(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{20,}|xox[abpors]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16}|AIza[0-9A-Za-z_-]{35}|[sr]k_live_[0-9A-Za-z]{16,}|eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.)/;

function decoded(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Null when `raw` may be recorded as a postmortem's link; else what is wrong with it. */
export function postmortemUrlProblem(raw: string): PostmortemUrlProblem | null {
  if (raw.length > POSTMORTEM_URL_MAX) return 'too_long';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'invalid_url';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'scheme';
  if (!url.hostname) return 'invalid_url';
  if (url.username || url.password) return 'credentials';
  const params = [...url.searchParams.keys()];
  const fragment = url.hash.slice(1);
  if (fragment.includes('=')) params.push(...new URLSearchParams(fragment).keys());
  if (params.some((k) => CREDENTIAL_PARAM.test(k.trim()))) return 'credentials';
  if (CREDENTIAL_SHAPE.test(decoded(raw))) return 'credentials';
  return null;
}
