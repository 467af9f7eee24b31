import { http, type Items } from './http'

export type PhaseCode = 'deployment' | 'application' | 'unit_review' | 'office_review' | 'committee_review' | 'approval'
export const PHASES: PhaseCode[] = ['deployment', 'application', 'unit_review', 'office_review', 'committee_review', 'approval']

export type CampaignStatus = 'draft' | 'active' | 'closed'

export interface Phase {
  phase: PhaseCode
  /** ISO instant with offset, e.g. 2026-09-01T00:00:00+08:00 */
  opens_at: string
  closes_at: string
}

export interface CommitteeLink {
  committee_org_id: number
  series_id: number
  /** Comma-separated level codes; empty means every level. */
  levels: string
}

export interface Campaign {
  id: number
  year: number
  name: string
  office_org_id: number
  tenure_cutoff: string
  achievement_cutoff: string
  ce_hours_per_year: number
  ce_public_hours_per_year: number
  integrity_years: number
  publicity_working_days: number
  status: CampaignStatus
  series_ids: number[]
  committees: CommitteeLink[]
  phases: Phase[]
}

export interface CampaignInput {
  office_org_id?: number
  year: number
  name: string
  tenure_cutoff?: string
  achievement_cutoff?: string
  ce_hours_per_year?: number
  ce_public_hours_per_year?: number
  integrity_years?: number
  publicity_working_days?: number
  series_ids: number[]
  committees: CommitteeLink[]
  phases: Phase[]
}

export interface Extension {
  id: number
  phase: PhaseCode
  old_closes_at: string
  new_closes_at: string
  reason: string
  at: string
}

export interface CalendarDay {
  date: string
  working: boolean
  note: string
}

export interface CalendarYear {
  year: number
  provisional: boolean
  working_days: number
  days: CalendarDay[]
}

export interface WorkingDaysResult {
  start: string
  n: number
  end_date: string
  ends_at: string
}

export function phaseOf(c: Campaign | null | undefined, phase: PhaseCode): Phase | undefined {
  return c?.phases.find((p) => p.phase === phase)
}

/** 'open', 'before' or 'after' the phase at `now`; 'none' when the campaign has no such phase or is not active. */
export function phaseState(c: Campaign | null | undefined, phase: PhaseCode, now = Date.now()): 'open' | 'before' | 'after' | 'none' {
  const p = phaseOf(c, phase)
  if (!c || !p || c.status !== 'active') return 'none'
  if (now < Date.parse(p.opens_at)) return 'before'
  if (now >= Date.parse(p.closes_at)) return 'after'
  return 'open'
}

export function committeeCovers(link: CommitteeLink, seriesId: number, level: string): boolean {
  if (link.series_id !== seriesId) return false
  const levels = link.levels.split(',').map((s) => s.trim()).filter(Boolean)
  return levels.length === 0 || levels.includes(level)
}

export const listCampaigns = (year?: number) => http.get<Items<Campaign>>('/campaigns', { year })
export const getCampaign = (id: number) => http.get<Campaign>(`/campaigns/${id}`)
export const createCampaign = (data: CampaignInput) => http.post<Campaign>('/campaigns', data, { quiet: true })
export const updateCampaign = (id: number, data: Partial<CampaignInput>) =>
  http.patch<Campaign>(`/campaigns/${id}`, data, { quiet: true })
export const activateCampaign = (id: number) => http.post<Campaign>(`/campaigns/${id}/activate`)
export const extendPhase = (id: number, phase: PhaseCode, closesAt: string, reason: string) =>
  http.post<Campaign>(`/campaigns/${id}/phases/${phase}/extend`, { closes_at: closesAt, reason }, { quiet: true })
export const listExtensions = (id: number) => http.get<Items<Extension>>(`/campaigns/${id}/extensions`)

export const getCalendarYear = (year: number) => http.get<CalendarYear>(`/calendar/${year}`)
export const setCalendarDay = (date: string, working: boolean, note: string) =>
  http.put<{ date: string; working: boolean }>(`/calendar/days/${date}`, { working, note }, { quiet: true })
export const clearCalendarDay = (date: string) => http.del(`/calendar/days/${date}`)
export const workingDaysAfter = (start: string, n: number) =>
  http.get<WorkingDaysResult>('/calendar/working-days', { start, n })
