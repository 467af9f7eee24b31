import { http, type Items, type Page, type Query } from './http'
import type { Level } from './catalog'
import type { DossierState } from './dossier'

/** The states the unit reviewer's queue shows, in the order of the work. */
export const UNIT_QUEUE_STATES = ['submitted', 'unit_review', 'returned_to_applicant', 'unit_publicity'] as const
export type UnitQueueState = (typeof UNIT_QUEUE_STATES)[number]

/** Flags the office's queue sets on a row; spot checks come as spot_check_<outcome>. */
export type QueueFlag = 'unpaid' | 'second_return' | `spot_check_${string}`

export interface QueueItem {
  dossier_id: number
  campaign_id: number
  unit_id: number | null
  applicant_name: string
  unit_name: string
  level: Level
  /** The series' own name of the level (e.g. 高级政工师). */
  level_name: string
  series_name: string
  state: DossierState
  submitted_at: string | null
  updated_at: string
  days_waiting: number
  flags: QueueFlag[]
}

export interface QueuePage extends Page<QueueItem> {
  counts: Partial<Record<string, number>>
}

/** Filters every queue takes (GET /review/{unit,dept,office}-queue). */
export interface QueueQuery extends Query {
  campaign_id?: number
  series_id?: number
  /** One state, or several separated by commas. */
  state?: string
  level?: string
  unit_id?: number
  flag?: 'unpaid' | 'second_return' | 'spot_check' | ''
  q?: string
  page?: number
  page_size?: number
}

export type MarkKind = 'section' | 'item'
export type MarkStatus = 'ok' | 'problem'

export interface MarkInput {
  target_kind: MarkKind
  /** A section name or a checklist item code. */
  target: string
  status: MarkStatus
  comment?: string
}

export interface Mark extends MarkInput {
  comment: string
  at: string
}

/** A review step's answer: the dossier's new state and version. */
export interface DossierBrief {
  id: number
  state: DossierState
  version: number
  level: Level
  updated_at: string
}

export interface Changes {
  round: number
  sections_changed: string[]
  /** Checklist items whose files changed (added, replaced or removed). */
  items_changed: string[]
  attachments_changed: boolean
}

export type ObjectionOutcome = 'upheld' | 'dismissed'

export interface Objection {
  id: number
  dossier_id: number
  /** The publicity it was raised in: unit_publicity or office_publicity. */
  stage: string
  real_name: string
  /** Masked by the server (138****1111). */
  contact_phone: string
  content: string
  created_at: string
  handling: string | null
  outcome: ObjectionOutcome | null
  handled_at: string | null
}

export interface PublicityEntry {
  dossier_id: number
  name: string
  level: Level
  level_name: string
  series: string
  ends_at: string
}

export interface UnitPublicity {
  unit_name: string
  items: PublicityEntry[]
}

export interface NewObjection {
  real_name: string
  contact_phone: string
  content: string
}

export type InterviewKind = 'defense' | 'lecture' | 'interview'
export const INTERVIEW_KINDS: InterviewKind[] = ['defense', 'lecture', 'interview']

export interface InterviewInput {
  kind: InterviewKind
  /** YYYY-MM-DD */
  held_on: string
  panel: string
  summary: string
  result: 'pass' | 'fail'
}

export interface Interview extends InterviewInput {
  recorded_at: string
}

/** What each stage decided about a dossier. */
export interface ReviewRecord {
  dossier_id: number
  unit_opinion: string | null
  publicity_result: string | null
  recommended_at: string | null
  office_returns: number
  second_return_reason: string | null
  initial_result: 'passed' | 'not_passed' | null
  initial_reason: string | null
  supplement_note: string | null
  supplement_at: string | null
  final_result: string | null
  final_reason: string | null
  void_reason: string | null
  committee_list_id: number | null
  /** Recorded corrections after the committee list, oldest first. */
  corrections: Correction[]
}

/** A recorded correction of one section: its content before and after, and why. */
export interface Correction {
  id: number
  section: string
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
  reason: string
  at: string
}

export interface TimelineStep {
  from: string
  to: string
  role: string
  org_name: string
  reason: string
  at: string
}

export interface TimelineReturn {
  /** 0: the department's return to the unit (a note, no marks). */
  round: number
  by_role: string
  org_name: string
  at: string
  problems: Mark[]
  note: string
}

/** Where a dossier is: who holds it (a role and an organisation, never a person), what comes next, every step. */
export interface Timeline {
  state: DossierState
  holder: { role: string; org_name: string }
  since: string
  next: string
  next_en: string
  steps: TimelineStep[]
  returns: TimelineReturn[]
}

export interface BatchResult {
  id: number
  ok: boolean
  error?: { code: string; message: string; message_en: string }
}

const quiet = { quiet: true }

export const unitQueue = (query: QueueQuery) => http.get<QueuePage>('/review/unit-queue', query, quiet)
export const deptQueue = (query: QueueQuery) => http.get<QueuePage>('/review/dept-queue', query, quiet)
export const startUnitReview = (id: number) => http.post<DossierBrief>(`/dossiers/${id}/unit-review/start`, undefined, quiet)
/** The round in progress (reviewers) or the last return (applicant); `round` asks for an earlier return. */
export const getMarks = (id: number, round?: number) =>
  http.get<{ marks: Mark[] }>(`/dossiers/${id}/review-marks`, round ? { round } : undefined, quiet)
export const putMarks = (id: number, marks: MarkInput[]) => http.put<{ marks: Mark[] }>(`/dossiers/${id}/review-marks`, { marks }, quiet)
export const returnToApplicant = (id: number) => http.post<DossierBrief>(`/dossiers/${id}/unit-review/return`, undefined, quiet)
export const approveUnitReview = (id: number, opinion: string) =>
  http.post<DossierBrief>(`/dossiers/${id}/unit-review/approve`, { opinion }, quiet)
export const resubmitDossier = (id: number) => http.post<DossierBrief>(`/dossiers/${id}/resubmit`, undefined, quiet)
export const getChanges = (id: number) => http.get<Changes>(`/dossiers/${id}/changes`, undefined, quiet)
export const listObjections = (id: number) => http.get<Items<Objection>>(`/dossiers/${id}/objections`, undefined, quiet)
export const handleObjection = (id: number, handling: string, outcome: ObjectionOutcome) =>
  http.post<Objection>(`/objections/${id}/handle`, { handling, outcome }, quiet)

export const getInterview = (id: number) => http.get<{ interview: Interview | null }>(`/dossiers/${id}/interview`, undefined, quiet)
export const putInterview = (id: number, data: InterviewInput) => http.put<Interview>(`/dossiers/${id}/interview`, data, quiet)
export const recommendDossier = (id: number, opinion: string, publicityResult: string) =>
  http.post<DossierBrief>(`/dossiers/${id}/unit-review/recommend`, { opinion, publicity_result: publicityResult }, quiet)
export const declineDossier = (id: number, reason: string) =>
  http.post<DossierBrief>(`/dossiers/${id}/unit-review/decline`, { reason }, quiet)
export const getReviewRecord = (id: number) => http.get<ReviewRecord>(`/dossiers/${id}/review-record`, undefined, quiet)
export const getTimeline = (id: number) => http.get<Timeline>(`/dossiers/${id}/timeline`, undefined, quiet)

export const deptForward = (ids: number[]) => http.post<{ results: BatchResult[] }>('/review/dept-forward', { ids }, quiet)
export const deptReturn = (id: number, reason: string) => http.post<DossierBrief>(`/dossiers/${id}/dept-review/return`, { reason }, quiet)

export const getUnitPublicity = (unitId: number) => http.get<UnitPublicity>(`/public/publicity/units/${unitId}`, undefined, quiet)
/** A named objection during the unit's or the office's publicity. */
export const submitObjection = (dossierId: number, data: NewObjection) =>
  http.post<{ id: number }>(`/public/publicity/${dossierId}/objections`, data, quiet)
