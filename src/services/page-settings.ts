// The status page's branding (settings key "page"): read with defaults, replace as a whole.
import { type PageSettings, pageSettingsFrom } from '../core/public/page-settings';
import type { Actor } from '../core/types';
import type { Deps } from './deps';

export async function getPageSettings({ deps }: { deps: Deps }): Promise<PageSettings> {
  return pageSettingsFrom(await deps.store.settings.get('page'));
}

export async function updatePageSettings({
  deps,
  input,
  actor,
}: {
  deps: Deps;
  input: PageSettings;
  actor: Actor;
}): Promise<PageSettings> {
  await deps.store.settings.put('page', input, { actor, action: 'settings.page', at: deps.clock() });
  return input;
}
