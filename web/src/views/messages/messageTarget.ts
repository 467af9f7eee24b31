import type { RouteLocationRaw } from 'vue-router'
import type { Message } from '@/api/messages'

/** Kinds addressed to the unit's reviewer: their link opens the review page, the others the dossier itself. */
const REVIEWER_KINDS = new Set(['dossier_submitted', 'dossier_resubmitted', 'objection'])

/** Where a message's "open" link leads, or null when it names no dossier. */
export function messageTarget(m: Message): RouteLocationRaw | null {
  if (!m.dossier_id) return null
  const params = { id: m.dossier_id }
  return REVIEWER_KINDS.has(m.kind) ? { name: 'unit-review', params } : { name: 'dossier', params }
}
