import { API_BASE, http, uploadRaw, type Items, type UploadHandle } from './http'
import type { ChecklistSection, FileType, Level } from './catalog'

export type DossierRoute = 'normal' | 'exceptional' | 'no_prior_title' | 'transfer' | 'recognition'
export const DOSSIER_ROUTES: DossierRoute[] = ['normal', 'exceptional', 'no_prior_title', 'transfer', 'recognition']

export type RouteApproval = 'none' | 'pending' | 'approved' | 'rejected'
export type DossierState =
  | 'draft'
  | 'submitted'
  | 'withdrawn'
  | 'unit_review'
  | 'returned_to_applicant'
  | 'unit_publicity'
  | 'unit_recommended'
  | 'not_recommended'
  | 'dept_review'
  | 'office_review'
  | 'returned_once'
  | 'accepted'
  | 'initial_failed'
  | 'rejected'
  | 'office_publicity'
  | 'sent_to_committee'
  | 'not_sent'
  | 'void'

/** Every state of the chain, in the order of the process (labels, filters). */
export const DOSSIER_STATES: DossierState[] = [
  'draft',
  'submitted',
  'withdrawn',
  'unit_review',
  'returned_to_applicant',
  'unit_publicity',
  'unit_recommended',
  'not_recommended',
  'dept_review',
  'office_review',
  'returned_once',
  'accepted',
  'initial_failed',
  'rejected',
  'office_publicity',
  'sent_to_committee',
  'not_sent',
  'void',
]

/** States in which the applicant fixes what a return named: the unit's return and the office's one-time notice. */
export const RETURNED_STATES: readonly DossierState[] = ['returned_to_applicant', 'returned_once']

export type SectionName = 'basic' | 'education' | 'work' | 'continuing_education' | 'achievements' | 'route'
export const SECTIONS: SectionName[] = ['basic', 'education', 'work', 'continuing_education', 'achievements', 'route']

export interface Dossier {
  id: number
  /** The applicant's account. */
  user_id: number
  campaign_id: number
  year: number
  series_id: number
  specialty_id: number | null
  level: Level
  committee_org_id: number | null
  route: DossierRoute
  route_approval: RouteApproval
  route_decision_reason: string | null
  unit_id: number | null
  state: DossierState
  version: number
  submitted_at: string | null
  created_at: string
  updated_at: string
  /** How many times the unit has returned the dossier (0: never). */
  review_round: number
  publicity_ends_at: string | null
}

/** Section contents are free JSON objects; the section forms know their shapes. */
export type SectionData = Record<string, unknown>

export interface SectionState {
  version: number
  data: SectionData
  updated_at: string
}

export interface Attachment {
  id: number
  item_code: string
  file_name: string
  content_type: string
  size: number
  position: number
  sha256: string
  uploaded_at: string
}

export interface HistoryEntry {
  from: string
  to: string
  role: string
  org_id?: number | null
  reason: string
  at: string
}

export interface DossierView extends Dossier {
  sections: Partial<Record<SectionName, SectionState>>
  attachments: Attachment[]
  history: HistoryEntry[]
  applicant_name: string
  series_name: string
  /** The series' own name of the level (e.g. 高级政工师). */
  level_name: string
}

export interface NewDossier {
  campaign_id: number
  series_id: number
  level: Level
  specialty_id?: number
  committee_org_id?: number
  route?: DossierRoute
}

export interface ChoicesPatch {
  version: number
  level?: Level
  route?: DossierRoute
  specialty_id?: number
  committee_org_id?: number
}

export interface Violation {
  code: string
  rule: string
  rule_en: string
  action: string
  action_en: string
  facts: Record<string, string>
}

export interface ChecklistStatus {
  code: string
  name: string
  section: ChecklistSection
  required: boolean
  count: number
  max_count: number
  max_bytes: number
  allowed_types: FileType[]
  ordered: boolean
  /** A file is needed in this dossier: required, an approval form on a special route, or the proof of a declared fact. */
  needed: boolean
}

export interface CheckResult {
  ok: boolean
  violations: Violation[]
  checklist: ChecklistStatus[]
}

export type SignalKind = 'file_hash' | 'paper_title' | 'chsi_code'

export interface Signal {
  kind: SignalKind | string
  value: string
  other_dossier_id: number
  other_name: string
}

export const listMyDossiers = () => http.get<Items<Dossier>>('/dossiers')
export const createDossier = (data: NewDossier) => http.post<Dossier>('/dossiers', data, { quiet: true })
export const getDossier = (id: number) => http.get<DossierView>(`/dossiers/${id}`, undefined, { quiet: true })
export const updateChoices = (id: number, data: ChoicesPatch) => http.patch<Dossier>(`/dossiers/${id}`, data, { quiet: true })
export const saveSection = (id: number, section: SectionName, version: number, data: SectionData) =>
  http.put<{ section: SectionName; version: number; data: SectionData }>(
    `/dossiers/${id}/sections/${section}`,
    { version, data },
    { quiet: true },
  )
export const checkDossier = (id: number) => http.get<CheckResult>(`/dossiers/${id}/check`, undefined, { quiet: true })
export const submitDossier = (id: number) => http.post<Dossier>(`/dossiers/${id}/submit`, undefined, { quiet: true })
export const withdrawDossier = (id: number, reason: string) =>
  http.post<Dossier>(`/dossiers/${id}/withdraw`, reason ? { reason } : {}, { quiet: true })
export const listSignals = (id: number) => http.get<Items<Signal>>(`/dossiers/${id}/signals`, undefined, { quiet: true })

export function uploadAttachment(
  dossierId: number,
  itemCode: string,
  file: Blob,
  fileName: string,
  onProgress: (fraction: number) => void,
): UploadHandle<Attachment> {
  return uploadRaw<Attachment>(`/dossiers/${dossierId}/attachments/${encodeURIComponent(itemCode)}`, { name: fileName }, file, onProgress)
}

/** Where the browser fetches the file itself (same-origin, with the session cookie). */
export const attachmentUrl = (id: number) => `${API_BASE}/attachments/${id}`
export const deleteAttachment = (id: number) => http.del(`/attachments/${id}`, { quiet: true })
export const reorderAttachments = (dossierId: number, itemCode: string, ids: number[]) =>
  http.post<Items<Attachment>>(`/dossiers/${dossierId}/attachments/${encodeURIComponent(itemCode)}/order`, { ids }, { quiet: true })
