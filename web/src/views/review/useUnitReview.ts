import { computed, ref } from 'vue'
import { checkDossier, SECTIONS, type CheckResult } from '@/api/dossier'
import {
  getChanges,
  getMarks,
  listObjections,
  putMarks,
  unitQueue,
  UNIT_QUEUE_STATES,
  type Changes,
  type Mark,
  type MarkInput,
  type MarkKind,
  type Objection,
  type QueueItem,
} from '@/api/review'
import { useDossierData } from '@/views/dossier/useDossierData'
import { markKey, shownItems } from './marks'

/** Everything the unit reviewer's page shows about one dossier, loaded together. */
export function useUnitReview() {
  const data = useDossierData()
  const check = ref<CheckResult | null>(null)
  const marks = ref<Mark[]>([])
  const changes = ref<Changes | null>(null)
  const objections = ref<Objection[]>([])
  const queueItem = ref<QueueItem | null>(null)

  const view = computed(() => data.view.value)
  const items = computed(() => (view.value && check.value ? shownItems(check.value.checklist, view.value.route) : []))
  const targets = computed<{ kind: MarkKind; target: string }[]>(() => [
    ...SECTIONS.map((s) => ({ kind: 'section' as const, target: s })),
    ...items.value.map((i) => ({ kind: 'item' as const, target: i.code })),
  ])
  const markOf = computed(() => new Map(marks.value.map((m) => [markKey(m.target_kind, m.target), m])))
  const problems = computed(() => marks.value.filter((m) => m.status === 'problem'))
  const unmarked = computed(() => targets.value.filter((x) => !markOf.value.has(markKey(x.kind, x.target))))

  /** The queue row gives the applicant's name and the days waiting (the dossier itself has neither). */
  async function findInQueue(id: number, state: string): Promise<QueueItem | null> {
    if (!(UNIT_QUEUE_STATES as readonly string[]).includes(state)) return null
    const page = await unitQueue({ state, page_size: 200 }).catch(() => null)
    return page?.items.find((i) => i.dossier_id === id) ?? null
  }

  async function load(id: number): Promise<void> {
    await data.load(id)
    const v = data.view.value
    if (!v) return
    const resubmitted = v.review_round > 0 && v.state === 'unit_review'
    const [c, m, ch, o, q] = await Promise.allSettled([
      checkDossier(id),
      getMarks(id),
      resubmitted ? getChanges(id) : Promise.resolve(null),
      listObjections(id),
      findInQueue(id, v.state),
    ])
    check.value = c.status === 'fulfilled' ? c.value : null
    marks.value = m.status === 'fulfilled' ? m.value.marks : []
    changes.value = ch.status === 'fulfilled' ? ch.value : null
    objections.value = o.status === 'fulfilled' ? o.value.items : []
    queueItem.value = q.status === 'fulfilled' ? q.value : null
    // A failure of the core parts is the page's failure; the others only leave their panel empty.
    const failed = [c, m].find((r) => r.status === 'rejected') as PromiseRejectedResult | undefined
    if (failed) throw failed.reason
  }

  async function saveMarks(list: MarkInput[]): Promise<void> {
    const id = view.value?.id
    if (!id || list.length === 0) return
    marks.value = (await putMarks(id, list)).marks
  }

  function replaceObjection(o: Objection) {
    objections.value = objections.value.map((x) => (x.id === o.id ? o : x))
  }

  return {
    data,
    view,
    check,
    marks,
    changes,
    objections,
    queueItem,
    items,
    targets,
    markOf,
    problems,
    unmarked,
    load,
    saveMarks,
    replaceObjection,
  }
}
