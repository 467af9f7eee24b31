import { ref } from 'vue'
import { ApiError } from '@/api/http'
import { notifySuccess, showError } from '@/utils/errors'

/**
 * Runs a page's review steps one at a time: `busy` names the step running; a success is said and the page reloaded;
 * a refusal is shown (the server's reason and what to do), and a state conflict reloads the out-of-date page.
 */
export function useSteps(reload: () => Promise<void>) {
  const busy = ref('')

  function failed(err: unknown) {
    showError(err)
    if (err instanceof ApiError && err.status === 409) void reload()
  }

  /** True when the step was taken. `refused` may take over a refusal (return true when it did). */
  async function run(key: string, action: () => Promise<unknown>, done: string, refused?: (err: unknown) => boolean): Promise<boolean> {
    busy.value = key
    try {
      await action()
      notifySuccess(done)
      await reload()
      return true
    } catch (err) {
      if (!refused?.(err)) failed(err)
      return false
    } finally {
      busy.value = ''
    }
  }

  return { busy, run, failed }
}
