// Runtime configuration, parsed once from the environment before the first request; bad config fails loudly.
import * as z from 'zod';
import type { SlaFallbackChannel } from './core/sla/policy';

const configSchema = z.object({
  PUBLIC_URL: z.url().default('http://localhost:8787'),
  /** The SLA fallback channel when an incident lead has no contact (the "sla" setting overrides it). */
  AFTERWORD_SLA_FALLBACK_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  AFTERWORD_SLA_FALLBACK_WEBHOOK_KIND: z.enum(['generic', 'slack']).optional(),
  AFTERWORD_SLA_FALLBACK_EMAIL: z.email().optional(),
});

export interface Config {
  /** Absolute base URL of the public page, used in links (feeds, alerts, curl examples). */
  publicUrl: string;
  /** The organisation's SLA fallback channel from the environment, if any. */
  slaFallback?: SlaFallbackChannel | null;
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
  let slaFallback: SlaFallbackChannel | null = null;
  if (d.AFTERWORD_SLA_FALLBACK_WEBHOOK_URL) {
    slaFallback = {
      channel: d.AFTERWORD_SLA_FALLBACK_WEBHOOK_KIND === 'slack' ? 'slack' : 'webhook',
      target: d.AFTERWORD_SLA_FALLBACK_WEBHOOK_URL,
    };
  } else if (d.AFTERWORD_SLA_FALLBACK_EMAIL) {
    slaFallback = { channel: 'email', target: d.AFTERWORD_SLA_FALLBACK_EMAIL };
  }
  return { publicUrl: d.PUBLIC_URL.replace(/\/+$/, ''), slaFallback };
}
