import { useI18n } from 'vue-i18n'
import type { ChecklistStatus, DossierRoute, HistoryEntry } from '@/api/dossier'
import type { MarkKind } from '@/api/review'

/** Days without a step after which a dossier in the unit's queue is flagged as waiting long. */
export const LONG_WAIT_DAYS = 5

export const markKey = (kind: MarkKind, target: string) => `${kind}:${target}`

/** The checklist items a dossier shows: the approval forms only on the exceptional and no-prior-title routes. */
export function shownItems(items: ChecklistStatus[], route: DossierRoute): ChecklistStatus[] {
  return items.filter((i) => i.section !== 'route' || route !== 'normal')
}

/** When the dossier was last returned to the applicant (null: never). */
export function lastReturnAt(history: HistoryEntry[]): string | null {
  const r = [...history].reverse().find((h) => h.to === 'returned_to_applicant')
  return r?.at ?? null
}

/** The name of what a mark points at: a section's tab name or a checklist item's name. */
export function useMarkLabel() {
  const { t, te } = useI18n()
  return (kind: MarkKind, target: string, checklist: ChecklistStatus[]): string => {
    if (kind === 'section') return te(`dossier.tabs.${target}`) ? t(`dossier.tabs.${target}`) : target
    return checklist.find((i) => i.code === target)?.name ?? target
  }
}
