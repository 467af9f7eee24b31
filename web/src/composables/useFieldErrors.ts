import { reactive } from 'vue'
import { ApiError } from '@/api/http'
import { fieldErrors, serverMessage, showError } from '@/utils/errors'

/** Server-side field errors (422 details) shown under the matching el-form-item. */
export function useFieldErrors() {
  const errors = reactive<Record<string, string>>({})
  function clear(): void {
    for (const k of Object.keys(errors)) delete errors[k]
  }
  function apply(err: unknown): boolean {
    clear()
    Object.assign(errors, fieldErrors(err))
    return Object.keys(errors).length > 0
  }
  /**
   * Sends a form: old errors go; field errors of the answer land under their fields, any other failure is shown as a
   * message. With notFound, a 404 (the chosen id does not exist) is shown under that field. True when the call succeeded.
   */
  async function submit(call: () => Promise<unknown>, opts: { notFound?: string } = {}): Promise<boolean> {
    clear()
    try {
      await call()
      return true
    } catch (err) {
      if (opts.notFound && err instanceof ApiError && err.status === 404 && serverMessage(err)) {
        errors[opts.notFound] = serverMessage(err)
      } else if (!apply(err)) {
        showError(err)
      }
      return false
    }
  }
  return { errors, clear, apply, submit }
}
