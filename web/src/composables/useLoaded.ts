import { ref, type Ref } from 'vue'
import { errorText } from '@/utils/errors'

/** Something a page loads from the server: the data, whether it is loading, and the error to show instead. */
export function useLoaded<T>(fetch: () => Promise<T>, initial: T) {
  const data = ref(initial) as Ref<T>
  const loading = ref(false)
  const error = ref('')

  async function load(): Promise<void> {
    loading.value = true
    error.value = ''
    try {
      data.value = await fetch()
    } catch (err) {
      error.value = errorText(err)
      data.value = initial
    } finally {
      loading.value = false
    }
  }

  return { data, loading, error, load }
}
