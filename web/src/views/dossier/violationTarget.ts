import type { SectionName, Violation } from '@/api/dossier'

export type EditorTab = SectionName | 'checklist'

const TAB_OF: Record<string, EditorTab> = {
  checklist_missing: 'checklist',
  checklist_count: 'checklist',
  attachment_type: 'checklist',
  attachment_size: 'checklist',
  education: 'education',
  tenure: 'work',
  lower_title_years: 'basic',
  retirement_age: 'basic',
  sanction: 'basic',
  not_civil_servant_eligible: 'basic',
  social_insurance: 'basic',
  freelancer_social_insurance: 'basic',
  continuing_education: 'continuing_education',
  route_unapproved: 'route',
  achievement_after_cutoff: 'achievements',
}

/** Where the applicant puts a violation right: a tab and, for the checklist, the item. */
export function violationTarget(v: Violation): { tab: EditorTab; item?: string } | null {
  const tab = TAB_OF[v.code]
  if (!tab) return null
  return tab === 'checklist' ? { tab, item: v.facts.item } : { tab }
}
