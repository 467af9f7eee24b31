import { useI18n } from 'vue-i18n'
import { getPath, type FieldSpec } from '../fields'

/** A field's value as text for reading and printing. */
export function useFieldText() {
  const { t } = useI18n()
  return (spec: FieldSpec, entry: Record<string, unknown>): string => {
    const v = getPath(entry, spec.key)
    if (v === null || v === undefined || v === '') return spec.type === 'switch' ? t('common.no') : spec.emptyText ? t(spec.emptyText) : '—'
    if (spec.type === 'switch') return v === true ? t('common.yes') : t('common.no')
    if (spec.type === 'select' && spec.optionLabels) return t(`${spec.optionLabels}.${String(v)}`)
    return String(v)
  }
}
