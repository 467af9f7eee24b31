import type { OrgKind, OrgNode } from '@/api/org'

export interface TreeNode {
  id: number
  label: string
  org: OrgNode
  children: TreeNode[]
}

const KIND_ORDER: Record<OrgKind, number> = {
  province_office: 0,
  city_office: 1,
  county_office: 2,
  series_office: 3,
  department: 4,
  committee: 5,
  unit: 6,
}

/** Builds the forest from a flat list; a node whose parent is not in the list is a root. */
export function buildTree(items: OrgNode[]): TreeNode[] {
  const nodes = new Map<number, TreeNode>()
  for (const org of items) nodes.set(org.id, { id: org.id, label: org.name, org, children: [] })
  const roots: TreeNode[] = []
  for (const node of nodes.values()) {
    const parent = node.org.parent_id != null ? nodes.get(node.org.parent_id) : undefined
    if (parent && parent !== node) parent.children.push(node)
    else roots.push(node)
  }
  const sort = (list: TreeNode[]) => {
    list.sort((a, b) => KIND_ORDER[a.org.kind] - KIND_ORDER[b.org.kind] || a.org.name.localeCompare(b.org.name, 'zh-CN'))
    for (const n of list) sort(n.children)
  }
  sort(roots)
  return roots
}

/** Which kinds of organisation may be created under a parent of the given kind. */
export const CHILD_KINDS: Record<OrgKind, OrgKind[]> = {
  province_office: ['city_office', 'series_office', 'department', 'unit', 'committee'],
  city_office: ['county_office', 'series_office', 'department', 'unit', 'committee'],
  county_office: ['series_office', 'department', 'unit', 'committee'],
  series_office: ['series_office', 'department', 'unit', 'committee'],
  department: ['department', 'unit', 'committee'],
  unit: ['committee'],
  committee: [],
}
