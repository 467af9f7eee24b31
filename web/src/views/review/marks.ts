import { useI18n } from 'vue-i18n'
import { RETURNED_STATES, type ChecklistStatus, type DossierRoute, type DossierState, type HistoryEntry } from '@/api/dossier'
import type { MarkKind } from '@/api/review'

/** Days without a step after which a dossier in the unit's queue is flagged as waiting long. */
export const LONG_WAIT_DAYS = 5

export const markKey = (kind: MarkKind, target: string) => `${kind}:${target}`

/** The checklist items a dossier shows: the approval forms only on the exceptional and no-prior-title routes. */
export function shownItems(items: ChecklistStatus[], route: DossierRoute): ChecklistStatus[] {
  return items.filter((i) => i.section !== 'route' || route !== 'normal')
}

const returned = (state: string) => (RETURNED_STATES as readonly string[]).includes(state)

/** When the dossier was last returned to the applicant, by the unit or the office (null: never). */
export function lastReturnAt(history: HistoryEntry[]): string | null {
  const r = [...history].reverse().find((h) => returned(h.to))
  return r?.at ?? null
}

/** When a returned dossier came back, if coming back is the last thing that happened to it (null otherwise). */
export function resubmittedAt(history: HistoryEntry[], state: DossierState): string | null {
  const last = history[history.length - 1]
  return last && last.to === state && returned(last.from) ? last.at : null
}

/** Whole days since an instant (the queues' "waiting" column counts from the last change). */
export const daysSince = (iso: string) => Math.max(0, Math.floor((Date.now() - Date.parse(iso)) / 86_400_000))

/** The name of what a mark points at: a section's tab name or a checklist item's name. */
export function useMarkLabel() {
  const { t, te } = useI18n()
  return (kind: MarkKind, target: string, checklist: ChecklistStatus[]): string => {
    if (kind === 'section') return te(`dossier.tabs.${target}`) ? t(`dossier.tabs.${target}`) : target
    return checklist.find((i) => i.code === target)?.name ?? target
  }
}
