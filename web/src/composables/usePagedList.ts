import { reactive, ref, shallowRef, type Ref } from 'vue'
import type { Page } from '@/api/http'
import { errorText } from '@/utils/errors'

/**
 * A server-paged list for ListPager: load() fetches the current page (a failure is kept in `error`, in the current
 * language, for an el-alert), restart() goes back to page 1 (after a filter or page-size change, or a new row).
 * `last` is the whole last answer, for lists that say more than their items.
 */
export function usePagedList<P extends Page<unknown>>(fetch: (page: number, pageSize: number) => Promise<P>, pageSize = 20) {
  const pager = reactive({ page: 1, pageSize, total: 0 })
  const items = ref([]) as Ref<P['items']>
  const last = shallowRef<P | null>(null)
  const loading = ref(false)
  const error = ref('')

  async function load(): Promise<void> {
    loading.value = true
    error.value = ''
    try {
      const page = await fetch(pager.page, pager.pageSize)
      last.value = page
      items.value = page.items
      pager.total = page.total
    } catch (err) {
      error.value = errorText(err)
    } finally {
      loading.value = false
    }
  }

  function restart(): void {
    pager.page = 1
    void load()
  }

  return { pager, items, last, loading, error, load, restart }
}
