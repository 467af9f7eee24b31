/** The fields that differ between a section's content before and after a correction, as paths and values. */
export interface FieldChange {
  path: string
  before: unknown
  after: unknown
}

function leaves(value: unknown, path: string, out: Map<string, unknown>) {
  if (Array.isArray(value)) {
    if (value.length === 0) out.set(path, [])
    value.forEach((v, i) => leaves(v, `${path}[${i + 1}]`, out))
  } else if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
    if (entries.length === 0 && path) out.set(path, {})
    for (const [k, v] of entries) leaves(v, path ? `${path}.${k}` : k, out)
  } else {
    out.set(path, value)
  }
}

export function diffFields(before: unknown, after: unknown): FieldChange[] {
  const a = new Map<string, unknown>()
  const b = new Map<string, unknown>()
  leaves(before ?? {}, '', a)
  leaves(after ?? {}, '', b)
  const blank = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)
  const out: FieldChange[] = []
  for (const path of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(path)
    const y = b.get(path)
    if (blank(x) && blank(y)) continue
    if (JSON.stringify(x) !== JSON.stringify(y)) out.push({ path, before: x, after: y })
  }
  return out
}
