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
    yesNo: (v: boolean | null | undefined) => (v === null || v === undefined ? '—' : v ? t('common.yes') : t('common.no')),
  }
}
