import { http, type Items, type Page } from './http'
import type { Level } from './catalog'
import type { DossierState } from './dossier'

/** The states the unit reviewer's queue shows, in the order of the work. */
export const UNIT_QUEUE_STATES = ['submitted', 'unit_review', 'returned_to_applicant', 'unit_publicity'] as const
export type UnitQueueState = (typeof UNIT_QUEUE_STATES)[number]

export interface QueueItem {
  dossier_id: number
  applicant_name: string
  unit_name: string
  level: Level
  state: DossierState
  submitted_at: string | null
  updated_at: string
  days_waiting: number
}

export interface QueuePage extends Page<QueueItem> {
  counts: Partial<Record<UnitQueueState, number>>
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
  attachments_changed: boolean
}

export type ObjectionOutcome = 'upheld' | 'dismissed'

export interface Objection {
  id: number
  dossier_id: number
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

export const unitQueue = (query: { state?: string; page?: number; page_size?: number }) =>
  http.get<QueuePage>('/review/unit-queue', query, { quiet: true })
export const startUnitReview = (id: number) => http.post<DossierBrief>(`/dossiers/${id}/unit-review/start`, undefined, { quiet: true })
export const getMarks = (id: number) => http.get<{ marks: Mark[] }>(`/dossiers/${id}/review-marks`, undefined, { quiet: true })
export const putMarks = (id: number, marks: MarkInput[]) =>
  http.put<{ marks: Mark[] }>(`/dossiers/${id}/review-marks`, { marks }, { quiet: true })
export const returnToApplicant = (id: number) =>
  http.post<DossierBrief>(`/dossiers/${id}/unit-review/return`, undefined, { quiet: true })
export const approveUnitReview = (id: number, opinion: string) =>
  http.post<DossierBrief>(`/dossiers/${id}/unit-review/approve`, { opinion }, { quiet: true })
export const resubmitDossier = (id: number) => http.post<DossierBrief>(`/dossiers/${id}/resubmit`, undefined, { quiet: true })
export const getChanges = (id: number) => http.get<Changes>(`/dossiers/${id}/changes`, undefined, { quiet: true })
export const listObjections = (id: number) => http.get<Items<Objection>>(`/dossiers/${id}/objections`, undefined, { quiet: true })
export const handleObjection = (id: number, handling: string, outcome: ObjectionOutcome) =>
  http.post<Objection>(`/objections/${id}/handle`, { handling, outcome }, { quiet: true })

export const getUnitPublicity = (unitId: number) =>
  http.get<UnitPublicity>(`/public/publicity/units/${unitId}`, undefined, { quiet: true })
export const submitObjection = (dossierId: number, data: NewObjection) =>
  http.post<{ id: number }>(`/public/publicity/${dossierId}/objections`, data, { quiet: true })
