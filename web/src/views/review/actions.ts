import { CircleCheck, CircleClose, Delete, EditPen, Finished, Promotion, RefreshLeft, VideoPlay, Warning } from '@element-plus/icons-vue'
import type { DossierView } from '@/api/dossier'
import type { ActionDef } from '@/components/ActionButtons.vue'
import { formatInstant } from '@/utils/format'

type T = (key: string, values?: Record<string, unknown>) => string

/** What a stage's step needs to know to offer it: the dossier, its problems marked now and whether the window is open. */
export interface StepContext {
  view: DossierView
  problems: number
  windowOpen: boolean
  t: T
}

const running = (v: DossierView) => !!v.publicity_ends_at && Date.parse(v.publicity_ends_at) > Date.now()

/** A return of the problems marked, and the approval it blocks (the unit's review and the office's). */
function returnOrPass(c: StepContext, closed: string, pass: { key: string; label: string; testid: string; blocked: string }, ret: ActionDef): ActionDef[] {
  return [
    { ...ret, tip: closed || (c.problems === 0 ? c.t('review.returnNeedsProblem') : '') },
    { key: pass.key, type: 'success', icon: CircleCheck, label: pass.label, testid: pass.testid, tip: closed || (c.problems > 0 ? pass.blocked : '') },
  ]
}

/** The unit reviewer's steps for the dossier's state, each disabled with the reason when it cannot be taken now. */
export function unitSteps(c: StepContext): ActionDef[] {
  const { view: v, t } = c
  const closed = c.windowOpen ? '' : t('review.windowClosedShort')
  if (v.state === 'submitted') return [{ key: 'start', type: 'primary', icon: VideoPlay, label: t('review.start'), testid: 'review-start', tip: closed }]
  if (v.state === 'unit_review')
    return returnOrPass(
      c,
      closed,
      { key: 'approve', label: t('review.approve'), testid: 'review-approve', blocked: t('review.approveBlocked') },
      { key: 'return', type: 'danger', icon: RefreshLeft, label: t('review.return', { n: c.problems }), testid: 'review-return' },
    )
  if (v.state !== 'unit_publicity') return []
  const wait = running(v) ? t('recommend.waitPublicity', { at: formatInstant(v.publicity_ends_at) }) : ''
  return [
    { key: 'recommend', type: 'success', icon: Promotion, label: t('recommend.recommend'), testid: 'review-recommend', tip: closed || wait },
    { key: 'decline', type: 'danger', plain: true, icon: CircleClose, label: t('recommend.decline'), testid: 'review-decline', tip: closed },
  ]
}

/** States a dossier can be voided from (the server refuses draft, withdrawn and void). */
const NOT_VOIDABLE = ['draft', 'withdrawn', 'void']

/** The office's steps for the dossier's state, each disabled with the reason when it cannot be taken now. */
export function officeSteps(c: StepContext): ActionDef[] {
  const { view: v, t } = c
  const closed = c.windowOpen ? '' : t('officeReview.windowClosedShort')
  const out: ActionDef[] = []
  if (v.state === 'office_review')
    out.push(
      ...returnOrPass(
        c,
        closed,
        { key: 'accept', label: t('officeReview.accept'), testid: 'office-accept', blocked: t('officeReview.acceptBlocked') },
        { key: 'return', type: 'warning', icon: RefreshLeft, label: t('officeReview.return', { n: c.problems }), testid: 'office-return' },
      ),
      { key: 'fail', type: 'danger', plain: true, icon: CircleClose, label: t('officeReview.fail'), testid: 'office-fail', tip: closed },
      { key: 'reject', type: 'danger', icon: Warning, label: t('officeReview.reject'), testid: 'office-reject', tip: closed },
    )
  if (v.state === 'office_publicity') {
    const wait = running(v) ? t('officeReview.decideWait', { at: formatInstant(v.publicity_ends_at) }) : ''
    out.push({ key: 'decide', type: 'primary', icon: Finished, label: t('officeReview.decide'), testid: 'office-decide', tip: closed || wait })
  }
  if (v.state === 'sent_to_committee')
    out.push({ key: 'correct', type: 'primary', plain: true, icon: EditPen, label: t('correction.open'), testid: 'office-correct' })
  if (!NOT_VOIDABLE.includes(v.state))
    out.push(
      { key: 'void', type: 'danger', plain: true, icon: Delete, label: t('voiding.open'), testid: 'office-void' },
      { key: 'void-year', type: 'danger', plain: true, icon: Delete, label: t('voidYear.open'), testid: 'office-void-year' },
    )
  return out
}

/** The department's steps: forward to the office or return to the unit, while the dossier waits for it. */
export function deptSteps(c: StepContext): ActionDef[] {
  const { view: v, t } = c
  if (v.state !== 'dept_review') return []
  const closed = c.windowOpen ? '' : t('review.windowClosedShort')
  return [
    { key: 'forward', type: 'primary', icon: Promotion, label: t('dept.forward'), testid: 'dept-forward-one', tip: closed },
    { key: 'return', type: 'danger', plain: true, icon: RefreshLeft, label: t('dept.return'), testid: 'dept-return', tip: closed },
  ]
}
