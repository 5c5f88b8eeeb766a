// The organisation's SLA settings (settings key "sla"), falling back to the 48 h / SEV-1 default;
// the fallback channel comes from the setting, else from the environment.

import { invalid } from '../core/errors';
import { DEFAULT_SLA_SETTINGS, type SlaPolicy, type SlaSettings } from '../core/sla/policy';
import { type SlaSettingsInput, slaSettingsInput } from '../core/sla/settings';
import { TARGET_PROBLEM_TEXT, targetProblem } from '../core/targets';
import type { Actor } from '../core/types';
import * as z from '../core/zod';
import type { Deps } from './deps';

export const SLA_SETTINGS_KEY = 'sla';

/** The effective settings. A stored document that no longer parses is ignored field by field, never fatal. */
export async function getSlaSettings({ deps }: { deps: Deps }): Promise<SlaSettings> {
  const stored = await deps.store.settings.get(SLA_SETTINGS_KEY);
  let doc: SlaSettingsInput = {};
  if (stored && typeof stored === 'object') {
    const parsed = z.partial(slaSettingsInput).safeParse(stored);
    if (parsed.success) doc = parsed.data;
    else {
      console.warn('[afterword] the stored "sla" settings do not parse; using the defaults');
    }
  }
  const defined = Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== undefined)) as Partial<SlaSettings>;
  const postmortem = Object.fromEntries(Object.entries(doc.postmortem ?? {}).filter(([, v]) => v !== undefined));
  const settings: SlaSettings = {
    ...DEFAULT_SLA_SETTINGS,
    ...defined,
    postmortem: { ...DEFAULT_SLA_SETTINGS.postmortem, ...postmortem },
  };
  if (doc.fallback === undefined) settings.fallback = deps.config.slaFallback ?? null;
  return settings;
}

export async function getSlaPolicy({ deps }: { deps: Deps }): Promise<SlaPolicy> {
  const { hours, severities } = await getSlaSettings({ deps });
  return { hours, severities };
}

/** Replaces the stored settings document; omitted fields take their defaults (fallback: the environment's). */
export async function putSlaSettings({
  deps,
  input,
  actor,
}: {
  deps: Deps;
  input: SlaSettingsInput;
  actor: Actor;
}): Promise<SlaSettings> {
  const fallback = input.fallback;
  if (fallback && fallback.channel !== 'email') {
    const problem = targetProblem(fallback.target, deps.config.allowPrivateTargets === true);
    if (problem) throw invalid([{ path: 'fallback.target', message: TARGET_PROBLEM_TEXT[problem] }]);
  }
  await deps.store.settings.put(SLA_SETTINGS_KEY, input, { actor, action: 'settings.sla.update', at: deps.clock() });
  return getSlaSettings({ deps });
}
