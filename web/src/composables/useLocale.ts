import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import enLocale from 'element-plus/es/locale/lang/en'
import { applyLocale, type AppLocale } from '@/i18n'

export function useLocale() {
  const { locale } = useI18n({ useScope: 'global' })
  const current = computed(() => locale.value as AppLocale)
  const elementLocale = computed(() => (current.value === 'en' ? enLocale : zhCn))
  function toggle(): void {
    applyLocale(current.value === 'en' ? 'zh-CN' : 'en')
  }
  return { current, elementLocale, toggle, setLocale: applyLocale }
}
