// The office's part of the review chain: its queue and decisions, campaign-level lists, spot checks, fees, oversight.
import { http, type Items } from './http'
import type { Level } from './catalog'
import type { SectionData, SectionName } from './dossier'
import type { DossierBrief, QueuePage, QueueQuery, ReviewRecord } from './review'

/** The states the office's queue shows, in the order of the work. */
export const OFFICE_QUEUE_STATES = [
  'office_review',
  'returned_once',
  'accepted',
  'initial_failed',
  'office_publicity',
  'sent_to_committee',
  'not_sent',
  'rejected',
  'void',
] as const
export type OfficeQueueState = (typeof OFFICE_QUEUE_STATES)[number]

export const QUEUE_FLAGS = ['unpaid', 'second_return', 'spot_check'] as const

export interface FeeInput {
  unit_id: number
  amount_cents: number
  reference: string
  /** YYYY-MM-DD */
  paid_on: string
  note?: string
}

export interface Fee extends FeeInput {
  id: number
  campaign_id: number
  unit_name: string
  note: string
  recorded_at: string
}

/** A publication's answer: how many dossiers, until when, and (the committee list) how many went on. */
export interface PublishResult {
  count: number
  ends_at: string | null
  list_id: number | null
  sent: number
  not_sent: number
}

export type SpotCheckKind = 'applicants' | 'units'
export type SpotOutcome = 'pending' | 'confirmed' | 'discrepancy'

export interface SpotCheckItem {
  id: number
  dossier_id: number
  applicant_name: string
  unit_name: string
  outcome: SpotOutcome
  note: string
  decided_at: string | null
}

export interface SpotCheck {
  id: number
  campaign_id: number
  kind: SpotCheckKind
  /** 0–1 */
  share: number
  seed: string
  algorithm: string
  /** Dossier ids (applicants) or unit ids (units). */
  candidates: number[]
  drawn: number[]
  created_at: string
  items: SpotCheckItem[]
}

export interface PublicListEntry {
  dossier_id: number
  name: string
  unit_name: string
  level: Level
  level_name: string
  series: string
  /** passed | not_passed (initial publicity) */
  result: string
  ends_at: string | null
}

export interface PublicList {
  campaign_name: string
  published_at: string | null
  items: PublicListEntry[]
}

export type OversightKind = 'second_return' | 'void' | string

export interface OversightRow {
  dossier_id: number
  applicant_name: string
  unit_name: string
  kind: OversightKind
  detail: string
  /** The reviewer who approved a dossier later voided for fraud. */
  reviewer_name: string
}

export type VoidKind = 'fraud' | 'other'

const quiet = { quiet: true }

export const officeQueue = (query: QueueQuery) => http.get<QueuePage>('/review/office-queue', query, quiet)

export const officeAccept = (id: number) => http.post<DossierBrief>(`/dossiers/${id}/office-review/accept`, undefined, quiet)
export const officeFail = (id: number, reason: string) => http.post<DossierBrief>(`/dossiers/${id}/office-review/fail`, { reason }, quiet)
export const officeReject = (id: number, reason: string) => http.post<DossierBrief>(`/dossiers/${id}/office-review/reject`, { reason }, quiet)
/** The one-time notice; a second return needs the written justification (422 justification_required without it). */
export const officeReturn = (id: number, justification?: string) =>
  http.post<DossierBrief>(`/dossiers/${id}/office-review/return`, justification ? { justification } : undefined, quiet)
export const officeDecide = (id: number, result: 'passed' | 'not_passed', reason: string) =>
  http.post<ReviewRecord>(`/dossiers/${id}/office-review/decide`, { result, reason }, quiet)
export const submitSupplement = (id: number, note: string) => http.post<void>(`/dossiers/${id}/supplement`, { note }, quiet)
export const correctSection = (id: number, section: SectionName, data: SectionData, reason: string) =>
  http.post<void>(`/dossiers/${id}/corrections`, { section, data, reason }, quiet)
/** Two applications of one level in one year: every dossier of the person that year is void (409 nothing_to_void). */
export const voidYear = (userId: number, year: number, reason: string, evidence: string) =>
  http.post<{ voided: number[] }>(`/users/${userId}/void-year`, { year, reason, evidence }, quiet)
export const voidDossier = (id: number, kind: VoidKind, reason: string, evidence: string) =>
  http.post<DossierBrief>(`/dossiers/${id}/void`, { kind, reason, evidence }, quiet)

export const listFees = (campaignId: number) => http.get<Items<Fee>>(`/campaigns/${campaignId}/fees`, undefined, quiet)
export const addFee = (campaignId: number, fee: FeeInput) => http.post<Fee>(`/campaigns/${campaignId}/fees`, fee, quiet)
export const publishInitialPublicity = (campaignId: number) =>
  http.post<PublishResult>(`/campaigns/${campaignId}/initial-publicity`, undefined, quiet)
export const publishCommitteeList = (campaignId: number) =>
  http.post<PublishResult>(`/campaigns/${campaignId}/committee-list`, undefined, quiet)
export const listSpotChecks = (campaignId: number) => http.get<Items<SpotCheck>>(`/campaigns/${campaignId}/spot-checks`, undefined, quiet)
export const drawSpotCheck = (campaignId: number, kind: SpotCheckKind, share: number, seed: string) =>
  http.post<SpotCheck>(`/campaigns/${campaignId}/spot-checks`, { kind, share, ...(seed ? { seed } : {}) }, quiet)
export const decideSpotCheckItem = (itemId: number, outcome: Exclude<SpotOutcome, 'pending'>, note: string) =>
  http.post<SpotCheckItem>(`/spot-check-items/${itemId}/outcome`, { outcome, note }, quiet)
export const getOversight = (campaignId: number) =>
  http.get<Items<OversightRow>>('/review/oversight', { campaign_id: campaignId }, quiet)

export const getInitialPublicity = (campaignId: number) =>
  http.get<PublicList>(`/public/campaigns/${campaignId}/initial-publicity`, undefined, quiet)
export const getCommitteeList = (campaignId: number) => http.get<PublicList>(`/public/campaigns/${campaignId}/committee-list`, undefined, quiet)
