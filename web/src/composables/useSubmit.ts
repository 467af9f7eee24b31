import { ref, type Ref } from 'vue'
import type { FormInstance } from 'element-plus'
import { showError } from '@/utils/errors'
import { useFieldErrors } from './useFieldErrors'

/**
 * Sends a form: checks its rules first, shows progress, and puts the server's field errors under the fields
 * (other refusals are shown as a message). `submit` answers whether the action went through.
 */
export function useSubmit(form: Ref<FormInstance | undefined>) {
  const server = useFieldErrors()
  const saving = ref(false)

  async function submit(action: () => Promise<unknown>): Promise<boolean> {
    server.clear()
    if (!(await form.value?.validate().catch(() => false))) return false
    saving.value = true
    try {
      await action()
      return true
    } catch (err) {
      if (!server.apply(err)) showError(err)
      return false
    } finally {
      saving.value = false
    }
  }

  return { server, saving, submit }
}
