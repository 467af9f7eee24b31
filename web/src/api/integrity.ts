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
  /** The day it stops applying (YYYY-MM-DD, exclusive): starts_on plus its years, or the day it was ended early. */
  ends_on: string
  /** In force today (by the server's calendar of Asia/Shanghai). */
  in_force: boolean
  /** Set when the record was ended early. */
  end_reason: string | null
  ended_at: string | null
  created_at: string
}

/** Exactly one of user_id and unit_id; without years, the period of the campaign named (or 3 years). */
export interface NewIntegrityRecord {
  user_id?: number
  unit_id?: number
  reason: string
  evidence?: string
  starts_on: string
  years?: number
  campaign_id?: number
}

export const listIntegrityRecords = (page: number, pageSize: number) =>
  http.get<Page<IntegrityRecord>>('/integrity-records', { page, page_size: pageSize })
export const createIntegrityRecord = (data: NewIntegrityRecord) =>
  http.post<{ id: number }>('/integrity-records', data, { quiet: true })
/** Ends a record early (409 already_ended; 422 when ends_on is not within its period); ends_on defaults to today. */
export const endIntegrityRecord = (id: number, reason: string, endsOn?: string) =>
  http.post<IntegrityRecord>(`/integrity-records/${id}/end`, { reason, ...(endsOn ? { ends_on: endsOn } : {}) }, { quiet: true })
