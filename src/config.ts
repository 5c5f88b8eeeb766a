// Runtime configuration, parsed once from the environment before the first request; bad config fails loudly.

import type { SlaFallbackChannel } from './core/sla/policy';
import { TARGET_PROBLEM_TEXT, targetProblem } from './core/targets';
import * as z from './core/zod';

const configSchema = z.object({
  PUBLIC_URL: z._default(z.url(), 'http://localhost:8787'),
  /** The SLA fallback channel when an incident lead has no contact (the "sla" setting overrides it). */
  AFTERWORD_SLA_FALLBACK_WEBHOOK_URL: z.optional(z.url({ protocol: /^https?$/ })),
  AFTERWORD_SLA_FALLBACK_WEBHOOK_KIND: z.optional(z.enum(['generic', 'slack'])),
  AFTERWORD_SLA_FALLBACK_EMAIL: z.optional(z.email()),
  /** "1": webhooks may target loopback and private addresses (local development and tests only). */
  AFTERWORD_ALLOW_PRIVATE_TARGETS: z.optional(z.enum(['0', '1'])),
  /** HMAC key for subscription links (confirm, manage, unsubscribe); default: AFTERWORD_WEBHOOK_SECRET. */
  AFTERWORD_LINK_SECRET: z.optional(z.string().check(z.minLength(16))),
  AFTERWORD_WEBHOOK_SECRET: z.optional(z.string()),
});

export interface Config {
  /** Absolute base URL of the public page, used in links (feeds, alerts, curl examples). */
  publicUrl: string;
  /** The organisation's SLA fallback channel from the environment, if any. */
  slaFallback?: SlaFallbackChannel | null;
  /** AFTERWORD_ALLOW_PRIVATE_TARGETS=1: internal webhook targets allowed (development and tests). */
  allowPrivateTargets?: boolean;
  /** The key that signs subscription links; null: visitors cannot subscribe (the page says so). */
  linkSecret?: string | null;
}

/** Empty strings mean "unset" (e.g. `FOO= npm start`, or an empty Worker var). */
function withoutEmpty(env: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '' && v !== undefined));
}

export function parseConfig(env: Record<string, unknown>): Config {
  const parsed = configSchema.safeParse(withoutEmpty(env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  const d = parsed.data;
  const allowPrivateTargets = d.AFTERWORD_ALLOW_PRIVATE_TARGETS === '1';
  if (d.AFTERWORD_SLA_FALLBACK_WEBHOOK_URL) {
    const problem = targetProblem(d.AFTERWORD_SLA_FALLBACK_WEBHOOK_URL, allowPrivateTargets);
    if (problem) {
      throw new Error(`Invalid configuration:\n  AFTERWORD_SLA_FALLBACK_WEBHOOK_URL: ${TARGET_PROBLEM_TEXT[problem]}`);
    }
  }
  let slaFallback: SlaFallbackChannel | null = null;
  if (d.AFTERWORD_SLA_FALLBACK_WEBHOOK_URL) {
    slaFallback = {
      channel: d.AFTERWORD_SLA_FALLBACK_WEBHOOK_KIND === 'slack' ? 'slack' : 'webhook',
      target: d.AFTERWORD_SLA_FALLBACK_WEBHOOK_URL,
    };
  } else if (d.AFTERWORD_SLA_FALLBACK_EMAIL) {
    slaFallback = { channel: 'email', target: d.AFTERWORD_SLA_FALLBACK_EMAIL };
  }
  return {
    publicUrl: d.PUBLIC_URL.replace(/\/+$/, ''),
    slaFallback,
    allowPrivateTargets,
    linkSecret: d.AFTERWORD_LINK_SECRET || d.AFTERWORD_WEBHOOK_SECRET || null,
  };
}
