// Delegation (委托评审): dossiers sent to another jurisdiction's committee with a letter.
import { API_BASE, http, type Items } from './http'
import type { Level } from './catalog'
import type { DossierState } from './dossier'

export type DelegationReason = 'no_committee' | 'no_specialty'
export const DELEGATION_REASONS: DelegationReason[] = ['no_committee', 'no_specialty']

export interface NewDelegation {
  to_committee_id: number
  level: Level
  reason: DelegationReason
  specialty: string
  number: string
  contact_name: string
  contact_phone: string
  dossier_ids: number[]
}

export interface DelegatedDossier {
  dossier_id: number
  name: string
  unit_name: string
  state: DossierState
  current_title: string
}

export interface Delegation {
  id: number
  campaign_id: number
  from_office_id: number
  from_office_name: string
  to_committee_id: number
  to_committee_name: string
  number: string
  reason: DelegationReason
  series_id: number
  series_name: string
  level: Level
  /** The series' own name of the level (e.g. 高级政工师). */
  level_name: string
  specialty: string
  contact_name: string
  /** Masked by the server. */
  contact_phone: string
  issued_on: string
  created_at: string
  dossiers: DelegatedDossier[]
  /** Path of the letter PDF under the API (same origin, with the session cookie). */
  letter_url: string
}

export const listDelegations = (campaignId: number) =>
  http.get<Items<Delegation>>(`/campaigns/${campaignId}/delegations`, undefined, { quiet: true })
/** Every delegation the user's committees received, or (sent) the user's offices sent, newest first. */
export const listMyDelegations = (direction: 'received' | 'sent') =>
  http.get<Items<Delegation>>('/delegations', direction === 'sent' ? { direction } : undefined, { quiet: true })
export const createDelegation = (campaignId: number, data: NewDelegation) =>
  http.post<Delegation>(`/campaigns/${campaignId}/delegations`, data, { quiet: true })
/** The letter's address as the browser opens it (the API gives it with the /api/v1 prefix already). */
export const letterHref = (d: Delegation) => (d.letter_url.startsWith('/api/') ? d.letter_url : `${API_BASE}/delegations/${d.id}/letter.pdf`)
