import { useI18n } from 'vue-i18n'

/** Display names for the codes the API uses (roles, org kinds, statuses, unit types). */
export function useLabels() {
  const { t, te } = useI18n()
  const label = (group: string, code: string | null | undefined) => {
    if (!code) return '—'
    const key = `${group}.${code}`
    return te(key) ? t(key) : code
  }
  return {
    roleLabel: (code: string | null | undefined) => label('roles', code),
    kindLabel: (code: string | null | undefined) => label('orgKinds', code),
    orgStatusLabel: (code: string | null | undefined) => label('orgStatus', code),
    designationStatusLabel: (code: string | null | undefined) => label('designationStatus', code),
    unitTypeLabel: (code: string | null | undefined) => label('unitTypes', code),
    /** Generic names of the five levels (员级 … 正高级); a series gives its own names. */
    levelLabel: (code: string | null | undefined) => label('levels', code),
    educationLabel: (code: string | null | undefined) => label('educationLevels', code),
    requirementRouteLabel: (code: string | null | undefined) => label('requirementRoutes', code),
    checklistSectionLabel: (code: string | null | undefined) => label('checklistSections', code),
    phaseLabel: (code: string | null | undefined) => label('phases', code),
    campaignStatusLabel: (code: string | null | undefined) => label('campaignStatus', code),
    dossierStateLabel: (code: string | null | undefined) => label('dossierStates', code),
    dossierRouteLabel: (code: string | null | undefined) => label('dossierRoutes', code),
    routeApprovalLabel: (code: string | null | undefined) => label('routeApproval', code),
    fileTypeLabel: (code: string | null | undefined) => label('fileTypes', code),
    yesNo: (v: boolean | null | undefined) => (v === null || v === undefined ? '—' : v ? t('common.yes') : t('common.no')),
  }
}
