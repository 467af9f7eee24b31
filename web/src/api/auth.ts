import { http } from './http'

export type RoleCode =
  | 'applicant'
  | 'unit_admin'
  | 'unit_reviewer'
  | 'dept_reviewer'
  | 'office'
  | 'committee_admin'
  | 'expert'
  | 'monitor'
  | 'sys_admin'
  | 'sec_admin'
  | 'audit_admin'

export const ROLE_CODES: RoleCode[] = [
  'applicant',
  'unit_admin',
  'unit_reviewer',
  'dept_reviewer',
  'office',
  'committee_admin',
  'expert',
  'monitor',
  'sys_admin',
  'sec_admin',
  'audit_admin',
]

export interface SessionUser {
  id: number
  login: string
  real_name: string
  phone: string
  /** Masked (z***@example.com), or null when none is set. */
  email: string | null
  must_change_password: boolean
  unit_id: number | null
  unit_name: string | null
}

export interface RoleAssignment {
  id: number
  role: RoleCode
  org_id: number
  org_name: string
  org_kind: string
}

export interface Session {
  user: SessionUser
  roles: RoleAssignment[]
  csrf_token: string
}

export function login(login: string, password: string): Promise<Session> {
  return http.post<Session>('/auth/login', { login, password }, { allow401: true, quiet: true })
}

export function logout(): Promise<void> {
  return http.post<void>('/auth/logout', undefined, { allow401: true, quiet: true })
}

/** Restores the session; rejects with a 401 ApiError when nobody is logged in. */
export function me(): Promise<Session> {
  return http.get<Session>('/me', undefined, { allow401: true, quiet: true })
}

export function changePassword(oldPassword: string, newPassword: string): Promise<{ csrf_token: string }> {
  return http.post<{ csrf_token: string }>(
    '/me/password',
    { old_password: oldPassword, new_password: newPassword },
    { allow401: true, quiet: true },
  )
}

/** Sets (or, with null, removes) the own email address; answers like me() with the address masked. */
export function updateOwnEmail(email: string | null): Promise<Session> {
  return http.patch<Session>('/me', { email }, { quiet: true })
}
