import { computed, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { MarkKind, MarkStatus } from '@/api/review'
import { notifySuccess } from '@/utils/errors'
import type { Review } from './useReview'

/** Saving marks one by one, or every unmarked part as fine at once; refusals go to `failed`. */
export function useMarking(r: Review, failed: (err: unknown) => void) {
  const { t } = useI18n()
  const markingRest = ref(false)
  const marked = computed(() => r.targets.value.length - r.unmarked.value.length)
  const progress = computed(() => ({ done: marked.value, total: r.targets.value.length, problems: r.problems.value.length }))

  function saver(kind: MarkKind, target: string) {
    return async (status: MarkStatus, comment: string): Promise<boolean> => {
      try {
        await r.saveMarks([{ target_kind: kind, target, status, comment }])
        return true
      } catch (err) {
        failed(err)
        return false
      }
    }
  }

  async function markRestOk() {
    markingRest.value = true
    try {
      await r.saveMarks(r.unmarked.value.map((x) => ({ target_kind: x.kind, target: x.target, status: 'ok' as const })))
      notifySuccess(t('review.restMarked'))
    } catch (err) {
      failed(err)
    } finally {
      markingRest.value = false
    }
  }

  return { saver, markRestOk, markingRest, marked, progress }
}

export type Marking = ReturnType<typeof useMarking>
