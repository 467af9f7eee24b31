import { ElMessageBox } from 'element-plus'
import { i18n } from '@/i18n'

/** Asks the user to confirm a step in a message box; true when confirmed, false when cancelled or closed. */
export async function confirmed(
  message: string,
  title: string,
  confirmButtonText: string,
  type: 'warning' | 'error' | 'success' | 'info' = 'warning',
): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, title, { type, confirmButtonText, cancelButtonText: i18n.global.t('common.cancel') })
    return true
  } catch {
    return false
  }
}

/** Asks the user to confirm an action with the common title and buttons. */
export function confirmAction(message: string): Promise<boolean> {
  const t = i18n.global.t
  return confirmed(message, t('common.confirmTitle'), t('common.confirm'))
}
