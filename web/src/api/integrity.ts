import { http, type Page } from './http'

export type IntegritySubject = 'person' | 'unit'

/** 诚信档案: a person's or a unit's record, blocking applications during its period. */
export interface IntegrityRecord {
  id: number
  subject: IntegritySubject
  /** The person's real name, or the unit's name. */
  subject_name: string
  /** The person's unit (or the unit itself); '' for a person without a unit. */
  unit_name: string
  user_id: number | null
  unit_id: number | null
  reason: string
  evidence: string
  /** YYYY-MM-DD */
  starts_on: string
  years: number
  created_at: string
}

/** Exactly one of user_id and unit_id. */
export interface NewIntegrityRecord {
  user_id?: number
  unit_id?: number
  reason: string
  evidence?: string
  starts_on: string
  years: number
}

export const listIntegrityRecords = (page: number, pageSize: number) =>
  http.get<Page<IntegrityRecord>>('/integrity-records', { page, page_size: pageSize })
export const createIntegrityRecord = (data: NewIntegrityRecord) =>
  http.post<{ id: number }>('/integrity-records', data, { quiet: true })
