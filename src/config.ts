// Runtime configuration, parsed once from the environment before the first request; bad config fails loudly.
import * as z from 'zod';

const configSchema = z.object({
  PUBLIC_URL: z.url().default('http://localhost:8787'),
});

export interface Config {
  /** Absolute base URL of the public page, used in links (feeds, alerts, curl examples). */
  publicUrl: string;
}

export function parseConfig(env: Record<string, unknown>): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  return { publicUrl: parsed.data.PUBLIC_URL.replace(/\/+$/, '') };
}
