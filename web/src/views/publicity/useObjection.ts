import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessageBox } from 'element-plus'

export interface ObjectionTarget {
  dossier_id: number
  name: string
}

/** The named-objection dialog of a public list: who it is about, open, and the thanks once sent. */
export function useObjection<T extends ObjectionTarget>() {
  const { t } = useI18n()
  const chosen = ref<T | null>(null)
  const dialogOpen = ref(false)

  function object(e: T) {
    chosen.value = e
    dialogOpen.value = true
  }

  async function sent() {
    dialogOpen.value = false
    await ElMessageBox.alert(t('publicity.sentText'), t('publicity.sentTitle'), { type: 'success', confirmButtonText: t('common.ok') }).catch(
      () => undefined,
    )
  }

  return { chosen, dialogOpen, object, sent }
}
