import { http, type Page } from './http'

export interface AuditRow {
  id: number
  at: string
  actor_login: string | null
  acting_as_login: string | null
  role: string | null
  ip: string | null
  action: string
  object_type: string | null
  object_id: string | number | null
  summary: string | null
  hash: string
}

export interface AuditFilter {
  action?: string
  actor?: string
}

export interface AuditVerification {
  intact: boolean
  rows: number
  first_broken_id: number | null
}

export const listAudit = (page: number, pageSize: number, filter: AuditFilter) =>
  http.get<Page<AuditRow>>('/audit', { page, page_size: pageSize, action: filter.action, actor: filter.actor })
export const verifyAudit = () => http.get<AuditVerification>('/audit/verify')
