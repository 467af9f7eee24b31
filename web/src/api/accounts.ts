import { http, type Page } from './http'
import type { RoleCode } from './auth'

export interface ApplicantRegistration {
  real_name: string
  resident_id: string
  phone: string
  login: string
  password: string
  unit_id?: number
}

export interface UserRole {
  id: number
  role: RoleCode
  org_id: number
  org_name: string
}

export interface UserRow {
  id: number
  login: string
  real_name: string
  /** Masked, like the email. */
  phone: string
  /** Masked (z***@example.com), or null when the user has set none. */
  email: string | null
  unit_id: number | null
  unit_name: string | null
  locked_until: string | null
  must_change_password: boolean
  roles: UserRole[]
}

export interface NewUser {
  login: string
  real_name: string
  phone: string
  password: string
  unit_id?: number
}

export const registerApplicant = (data: ApplicantRegistration) =>
  http.post<{ id: number }>('/register/applicant', data, { quiet: true })

export const listUsers = (q: string, page: number, pageSize: number) =>
  http.get<Page<UserRow>>('/users', { q, page, page_size: pageSize })
export const createUser = (data: NewUser) => http.post<UserRow>('/users', data, { quiet: true })
export const assignRole = (userId: number, role: RoleCode, orgId: number) =>
  http.post<{ id: number }>(`/users/${userId}/roles`, { role, org_id: orgId })
export const removeRole = (userId: number, assignmentId: number) => http.del(`/users/${userId}/roles/${assignmentId}`)
export const resetPassword = (userId: number, password: string) =>
  http.post<unknown>(`/users/${userId}/reset-password`, { password })
export const unlockUser = (userId: number) => http.post<unknown>(`/users/${userId}/unlock`)
