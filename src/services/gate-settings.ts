// The live-text gate's mode (settings key "gate"): `block` (the default) refuses leak findings in
// titles, updates, maintenance and component text; `warn` accepts them and reports them.
import { type GateSettings, gateSettingsInput } from '../core/inputs';
import type { Actor } from '../core/types';
import type { Deps } from './deps';

export const GATE_SETTINGS_KEY = 'gate';

export const DEFAULT_GATE_SETTINGS: GateSettings = { liveText: 'block' };

/** The effective settings; a stored value that no longer parses counts as the default (the stricter mode). */
export async function getGateSettings({ deps }: { deps: Deps }): Promise<GateSettings> {
  const parsed = gateSettingsInput.safeParse(await deps.store.settings.get(GATE_SETTINGS_KEY));
  return parsed.success ? parsed.data : DEFAULT_GATE_SETTINGS;
}

export async function putGateSettings({
  deps,
  input,
  actor,
}: {
  deps: Deps;
  input: GateSettings;
  actor: Actor;
}): Promise<GateSettings> {
  await deps.store.settings.put(GATE_SETTINGS_KEY, input, { actor, action: 'settings.gate.update', at: deps.clock() });
  return input;
}
