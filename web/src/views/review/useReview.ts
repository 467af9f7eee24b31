import { computed, ref } from 'vue'
import { checkDossier, SECTIONS, type CheckResult } from '@/api/dossier'
import {
  getChanges,
  getInterview,
  getMarks,
  getReviewRecord,
  getTimeline,
  listObjections,
  putMarks,
  type Changes,
  type Interview,
  type Mark,
  type MarkInput,
  type MarkKind,
  type Objection,
  type ReviewRecord,
  type Timeline,
} from '@/api/review'
import { useDossierData } from '@/views/dossier/useDossierData'
import { markKey, resubmittedAt, shownItems } from './marks'

/** The reviewing stage a page belongs to: who marks (unit, office) or only reads and forwards (department). */
export type ReviewStage = 'unit' | 'dept' | 'office'

/** The publicity whose objections a stage handles. */
const OBJECTION_STAGE: Record<ReviewStage, string | null> = { unit: 'unit_publicity', dept: null, office: 'office_publicity' }

/** Everything a reviewer's page shows about one dossier, loaded together. */
export function useReview(stage: ReviewStage) {
  const data = useDossierData()
  const check = ref<CheckResult | null>(null)
  const marks = ref<Mark[]>([])
  const changes = ref<Changes | null>(null)
  /** The problems the last return named (the round the applicant answered), for a resubmitted dossier. */
  const lastReturn = ref<Mark[]>([])
  const objections = ref<Objection[]>([])
  const record = ref<ReviewRecord | null>(null)
  const interview = ref<Interview | null>(null)
  const timeline = ref<Timeline | null>(null)

  const view = computed(() => data.view.value)
  const items = computed(() => (view.value && check.value ? shownItems(check.value.checklist, view.value.route) : []))
  const targets = computed<{ kind: MarkKind; target: string }[]>(() => [
    ...SECTIONS.map((s) => ({ kind: 'section' as const, target: s })),
    ...items.value.map((i) => ({ kind: 'item' as const, target: i.code })),
  ])
  const markOf = computed(() => new Map(marks.value.map((m) => [markKey(m.target_kind, m.target), m])))
  const problems = computed(() => marks.value.filter((m) => m.status === 'problem'))
  const unmarked = computed(() => targets.value.filter((x) => !markOf.value.has(markKey(x.kind, x.target))))
  /** The objections of this stage's publicity (the others are history). */
  const stageObjections = computed(() => objections.value.filter((o) => o.stage === OBJECTION_STAGE[stage]))
  /** When the dossier came back after a return, while it waits for this round's marks (null: not resubmitted). */
  const resubmitted = computed(() => (view.value ? resubmittedAt(view.value.history, view.value.state) : null))

  async function load(id: number): Promise<void> {
    await data.load(id)
    const v = data.view.value
    if (!v) return
    const again = resubmittedAt(v.history, v.state) !== null
    const none = Promise.resolve(null)
    const [c, m, ch, prev, o, rec, iv, tl] = await Promise.allSettled([
      checkDossier(id),
      stage === 'dept' ? Promise.resolve({ marks: [] as Mark[] }) : getMarks(id),
      again ? getChanges(id) : none,
      again && v.review_round > 0 ? getMarks(id, v.review_round) : none,
      stage === 'dept' ? none : listObjections(id),
      getReviewRecord(id),
      getInterview(id),
      getTimeline(id),
    ])
    check.value = c.status === 'fulfilled' ? c.value : null
    marks.value = m.status === 'fulfilled' ? m.value.marks : []
    changes.value = ch.status === 'fulfilled' ? ch.value : null
    lastReturn.value = prev.status === 'fulfilled' && prev.value ? prev.value.marks.filter((x) => x.status === 'problem') : []
    objections.value = o.status === 'fulfilled' && o.value ? o.value.items : []
    record.value = rec.status === 'fulfilled' ? rec.value : null
    interview.value = iv.status === 'fulfilled' ? iv.value.interview : null
    timeline.value = tl.status === 'fulfilled' ? tl.value : null
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
    lastReturn,
    objections,
    stageObjections,
    record,
    interview,
    timeline,
    resubmitted,
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

export type Review = ReturnType<typeof useReview>
