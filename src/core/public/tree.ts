// The order components appear in (page and v2 JSON alike): groups and ungrouped components by
// position, each group followed by its own components by position.
import type { Component, ComponentGroup } from '../types';

export type TreeEntry =
  | { kind: 'group'; group: ComponentGroup; children: Component[] }
  | { kind: 'component'; component: Component };

export function componentTree(groups: ComponentGroup[], components: Component[]): TreeEntry[] {
  const byGroup = new Map<string, Component[]>();
  const loose: Component[] = [];
  const known = new Set(groups.map((g) => g.id));
  const sorted = [...components].sort((a, b) => a.position - b.position || a.createdAt - b.createdAt);
  for (const c of sorted) {
    if (c.groupId && known.has(c.groupId)) {
      const list = byGroup.get(c.groupId) ?? [];
      list.push(c);
      byGroup.set(c.groupId, list);
    } else loose.push(c);
  }
  const entries: { position: number; order: number; entry: TreeEntry }[] = [
    // An empty group says nothing to visitors, so it is left out.
    ...groups
      .filter((g) => byGroup.has(g.id))
      .map((g, i) => ({
        position: g.position,
        order: i,
        entry: { kind: 'group' as const, group: g, children: byGroup.get(g.id) ?? [] },
      })),
    ...loose.map((c, i) => ({
      position: c.position,
      order: groups.length + i,
      entry: { kind: 'component' as const, component: c },
    })),
  ];
  return entries.sort((a, b) => a.position - b.position || a.order - b.order).map((e) => e.entry);
}
