import { http, type Items, type RequestOptions } from './http'

export type OrgKind =
  | 'province_office'
  | 'city_office'
  | 'county_office'
  | 'series_office'
  | 'department'
  | 'unit'
  | 'committee'

export const ORG_KINDS: OrgKind[] = [
  'province_office',
  'city_office',
  'county_office',
  'series_office',
  'department',
  'unit',
  'committee',
]

export const OFFICE_KINDS: OrgKind[] = ['province_office', 'city_office', 'county_office', 'series_office']

export type OrgStatus = 'active' | 'pending' | 'rejected'

export type UnitType = 'public_institution' | 'private_or_social' | 'state_enterprise' | 'government'

export const UNIT_TYPES: UnitType[] = ['public_institution', 'private_or_social', 'state_enterprise', 'government']

export interface OrgNode {
  id: number
  parent_id: number | null
  kind: OrgKind
  name: string
  credit_code: string | null
  unit_type: UnitType | null
  legal_person: boolean | null
  supervising_dept_id: number | null
  region: string | null
  status: OrgStatus
  reject_reason: string | null
  contact_name: string | null
  contact_phone: string | null
  created_at: string
}

export interface NewOrg {
  parent_id: number
  kind: OrgKind
  name: string
  credit_code?: string
  unit_type?: UnitType
  legal_person?: boolean
  supervising_dept_id?: number
  region?: string
}

export interface OrgPatch {
  name?: string
  region?: string
  unit_type?: UnitType
  legal_person?: boolean
  supervising_dept_id?: number | null
}

export interface PublicOrg {
  id: number
  name: string
  kind: OrgKind
}

/** What an organisation picker needs. */
export interface OrgOption {
  id: number
  name: string
  kind: OrgKind
}

export interface PublicUnit {
  id: number
  name: string
}

export interface UnitRegistration {
  name: string
  credit_code: string
  unit_type: UnitType
  legal_person: boolean
  parent_id: number
  region: string
  contact_name: string
  contact_phone: string
  login: string
  password: string
}

export interface StaffMember {
  id: number
  login: string
  real_name: string
  /** Masked. */
  phone: string
  /** Masked, or null when the person has set none. */
  email: string | null
}

export interface ReviewerState {
  current: { user_id: number; real_name: string; since: string } | null
  pending: { id: number; user_id: number; real_name: string; created_at: string } | null
}

export type DesignationStatus = 'pending' | 'approved' | 'rejected'

export interface ReviewerDesignation {
  id: number
  unit_id: number
  unit_name: string
  user_id: number
  real_name: string
  status: DesignationStatus
  created_at: string
  decided_at: string | null
  reason: string | null
}

// Public (no login)
export const listPublicOffices = () => http.get<PublicOrg[]>('/public/orgs', { kind: 'office' })
export const searchPublicUnits = (q: string) => http.get<PublicUnit[]>('/public/units', { q }, { quiet: true })
export const registerUnit = (data: UnitRegistration) =>
  http.post<{ id: number; status: OrgStatus }>('/register/unit', data, { quiet: true })

// Organisation tree
export const listOrgs = (opts?: RequestOptions) => http.get<Items<OrgNode>>('/orgs', undefined, opts)
export const getOrg = (id: number) => http.get<OrgNode>(`/orgs/${id}`)
export const createOrg = (data: NewOrg) => http.post<OrgNode>('/orgs', data)
export const updateOrg = (id: number, data: OrgPatch) => http.patch<OrgNode>(`/orgs/${id}`, data)

// Unit registrations
export const listUnitRegistrations = (status: OrgStatus) =>
  http.get<Items<OrgNode>>('/unit-registrations', { status })
export const approveOrg = (id: number) => http.post<OrgNode>(`/orgs/${id}/approve`)
export const rejectOrg = (id: number, reason: string) => http.post<OrgNode>(`/orgs/${id}/reject`, { reason })

// Reviewer designation
export const listUnitStaff = (unitId: number) => http.get<Items<StaffMember>>(`/units/${unitId}/staff`)
export const getUnitReviewer = (unitId: number) => http.get<ReviewerState>(`/units/${unitId}/reviewer`)
export const designateReviewer = (unitId: number, userId: number) =>
  http.post<{ id: number; status: DesignationStatus }>(`/units/${unitId}/reviewer-designations`, { user_id: userId })
export const listDesignations = (status: DesignationStatus) =>
  http.get<Items<ReviewerDesignation>>('/reviewer-designations', { status })
export const approveDesignation = (id: number) => http.post<unknown>(`/reviewer-designations/${id}/approve`)
export const rejectDesignation = (id: number, reason: string) =>
  http.post<unknown>(`/reviewer-designations/${id}/reject`, { reason })
