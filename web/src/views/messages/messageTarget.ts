import type { RouteLocationRaw } from 'vue-router'
import type { Message } from '@/api/messages'

/**
 * The review page a message kind leads its reviewers to; a message does not say which of the user's roles it was
 * addressed to, so the first role of the user that takes the kind decides. Everyone else opens the dossier itself.
 */
const REVIEW_PAGES: { role: string; page: string; kinds: ReadonlySet<string> }[] = [
  { role: 'office', page: 'office-review', kinds: new Set(['objection', 'publicity_ended', 'supplement']) },
  { role: 'dept_reviewer', page: 'dept-review', kinds: new Set(['dept_review']) },
  {
    role: 'unit_reviewer',
    page: 'unit-review',
    kinds: new Set(['dossier_submitted', 'dossier_resubmitted', 'objection', 'publicity_ended', 'spot_check', 'dept_returned']),
  },
]

/** Where a message's "open" link leads, or null when it names no dossier. */
export function messageTarget(m: Message, roles: ReadonlySet<string>): RouteLocationRaw | null {
  if (!m.dossier_id) return null
  const params = { id: m.dossier_id }
  const review = REVIEW_PAGES.find((x) => roles.has(x.role) && x.kinds.has(m.kind))
  return { name: review?.page ?? 'dossier', params }
}
