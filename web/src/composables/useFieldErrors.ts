import { reactive } from 'vue'
import { fieldErrors } from '@/utils/errors'

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
  return { errors, clear, apply }
}
