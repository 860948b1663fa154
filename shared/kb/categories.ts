import type { CategoryNode } from './types';

/** The category tree from per-path counts; a parent counts everything below it. Sorted by name. */
export function buildCategoryTree(rows: readonly { readonly path: string; readonly count: number }[]): CategoryNode[] {
  interface MutableNode {
    path: string;
    name: string;
    count: number;
    children: Map<string, MutableNode>;
  }
  const root = new Map<string, MutableNode>();
  for (const { path, count } of rows) {
    if (path === '') continue;
    let level = root;
    let prefix = '';
    for (const name of path.split('/')) {
      prefix = prefix === '' ? name : `${prefix}/${name}`;
      let node = level.get(name);
      if (node === undefined) {
        node = { path: prefix, name, count: 0, children: new Map() };
        level.set(name, node);
      }
      node.count += count;
      level = node.children;
    }
  }
  const freeze = (level: Map<string, MutableNode>): CategoryNode[] =>
    [...level.values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((node) => ({ path: node.path, name: node.name, count: node.count, children: freeze(node.children) }));
  return freeze(root);
}

/** "Refunds/Cards" → ["Refunds", "Refunds/Cards"]: the categories an article is found under. */
export function categoryAncestors(path: string): string[] {
  if (path === '') return [];
  const levels = path.split('/');
  return levels.map((_, i) => levels.slice(0, i + 1).join('/'));
}
