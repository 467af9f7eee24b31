import { computed, ref } from 'vue'
import { ApiError } from '@/api/http'
import type { Violation } from '@/api/dossier'
import { getMarks, type Mark, type MarkKind } from '@/api/review'
import { errorText } from '@/utils/errors'

/**
 * The unit's last return of a dossier, as its applicant sees it: the problems named, and so the only sections
 * and checklist items that may change until the dossier is resubmitted (the server refuses the rest).
 */
export function useReturn(dossierId: number) {
  const marks = ref<Mark[]>([])
  const loaded = ref(false)
  const error = ref('')

  const problems = computed(() => marks.value.filter((m) => m.status === 'problem'))
  const targets = (kind: MarkKind) => new Set(problems.value.filter((m) => m.target_kind === kind).map((m) => m.target))
  const sections = computed(() => targets('section'))
  const items = computed(() => targets('item'))
  const itemComments = computed(() =>
    Object.fromEntries(problems.value.filter((m) => m.target_kind === 'item').map((m) => [m.target, m.comment])),
  )
  const commentOf = (kind: MarkKind, target: string) =>
    problems.value.find((m) => m.target_kind === kind && m.target === target)?.comment ?? ''

  async function load(): Promise<void> {
    error.value = ''
    try {
      marks.value = (await getMarks(dossierId)).marks
    } catch (err) {
      error.value = errorText(err)
    } finally {
      loaded.value = true
    }
  }

  return { marks, problems, sections, items, itemComments, commentOf, loaded, error, load }
}

/** The rule violations a 422 answer lists (details with the facts flattened in), in the check panel's shape. */
export function violationsFromError(err: unknown): Violation[] {
  if (!(err instanceof ApiError) || err.status !== 422) return []
  return err.details.map((d) => {
    const facts: Record<string, string> = {}
    for (const [k, v] of Object.entries(d)) if (!['code', 'field', 'message', 'message_en'].includes(k)) facts[k] = String(v)
    return { code: d.code ?? '', rule: d.message ?? '', rule_en: d.message_en ?? '', action: '', action_en: '', facts }
  })
}
