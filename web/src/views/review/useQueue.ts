import { onMounted, reactive, ref, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import type { QueuePage } from '@/api/review'
import { errorText } from '@/utils/errors'

/**
 * A review queue whose filters and page live in the address, so "back" from a review returns to the same place.
 * `fetch` asks the server for the page; it runs whenever the address changes, and once mounted.
 */
export function useQueue(keys: readonly string[], fetch: (page: number, pageSize: number) => Promise<QueuePage>) {
  const route = useRoute()
  const router = useRouter()
  const pager = reactive({ page: 1, pageSize: 20 })
  const result = ref<QueuePage | null>(null)
  const loading = ref(false)
  const error = ref('')

  const get = (key: string) => String(route.query[key] ?? '')

  async function load() {
    loading.value = true
    error.value = ''
    try {
      result.value = await fetch(pager.page, pager.pageSize)
    } catch (err) {
      error.value = errorText(err)
    } finally {
      loading.value = false
    }
  }

  function go(patch: Record<string, string | number>) {
    const next: Record<string, string> = {}
    for (const k of keys) next[k] = get(k)
    const merged = { ...next, page: '1', ...Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, String(v)])) }
    const query = Object.fromEntries(Object.entries(merged).filter(([k, v]) => v !== '' && !(k === 'page' && v === '1')))
    void router.replace({ query })
  }

  function onSize() {
    if (pager.page === 1) void load()
    else go({ page: 1 })
  }

  function sync() {
    pager.page = Number(route.query.page ?? 1) || 1
    void load()
  }
  // After setup, so `fetch` may use what the page declares after calling this.
  watch(() => [...keys.map((k) => route.query[k]), route.query.page], sync)
  onMounted(sync)

  return { pager, result, loading, error, load, get, go, onSize }
}

export type Queue = ReturnType<typeof useQueue>
