import { defineStore } from 'pinia'
import { ref } from 'vue'
import { unreadCount } from '@/api/messages'

const POLL_MS = 60_000
/** Route changes refresh the count, but not more often than this. */
const MIN_GAP_MS = 5_000

/** The unread count shown in the header: polled gently while a signed-in page is open. */
export const useMessageStore = defineStore('messages', () => {
  const unread = ref(0)
  let timer: ReturnType<typeof setInterval> | undefined
  let last = 0
  let inflight: Promise<void> | null = null

  async function refresh(force = false): Promise<void> {
    if (inflight) return inflight
    if (!force && Date.now() - last < MIN_GAP_MS) return
    last = Date.now()
    inflight = unreadCount()
      .then((n) => {
        unread.value = n
      })
      .catch(() => {
        // the badge keeps its last value; the next poll tries again
      })
      .finally(() => {
        inflight = null
      })
    return inflight
  }

  function onVisible() {
    if (document.visibilityState === 'visible') void refresh()
  }

  function start(): void {
    stop()
    void refresh(true)
    timer = setInterval(() => {
      if (document.visibilityState === 'visible') void refresh(true)
    }, POLL_MS)
    document.addEventListener('visibilitychange', onVisible)
  }

  function stop(): void {
    clearInterval(timer)
    timer = undefined
    document.removeEventListener('visibilitychange', onVisible)
  }

  function set(n: number): void {
    unread.value = Math.max(0, n)
    last = Date.now()
  }

  return { unread, refresh, start, stop, set }
})
