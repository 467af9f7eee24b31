import { http, type Items } from './http'

export type Level = 'entry' | 'assistant' | 'intermediate' | 'deputy_senior' | 'senior'
export const LEVELS: Level[] = ['entry', 'assistant', 'intermediate', 'deputy_senior', 'senior']

export type Education = 'secondary' | 'college' | 'bachelor' | 'master' | 'doctorate'
export const EDUCATIONS: Education[] = ['secondary', 'college', 'bachelor', 'master', 'doctorate']

export type RequirementRoute = 'normal' | 'exceptional'
export const REQUIREMENT_ROUTES: RequirementRoute[] = ['normal', 'exceptional']

export type ChecklistSection =
  | 'basic'
  | 'education'
  | 'work'
  | 'continuing_education'
  | 'achievements'
  | 'route'
  | 'other'
export const CHECKLIST_SECTIONS: ChecklistSection[] = [
  'basic',
  'education',
  'work',
  'continuing_education',
  'achievements',
  'route',
  'other',
]

export type FileType = 'jpeg' | 'pdf'
export const FILE_TYPES: FileType[] = ['jpeg', 'pdf']

export type LevelNames = Record<Level, string | null>

export interface Series {
  id: number
  code: string
  name: string
  owner_org_id: number
  levels: LevelNames
}

export interface NewSeries {
  code: string
  name: string
  owner_org_id: number
  levels: Partial<LevelNames>
}

export interface SeriesPatch {
  name?: string
  levels?: Partial<LevelNames>
}

export interface Specialty {
  id: number
  code: string
  name: string
}

export interface Requirement {
  id: number
  level: Level
  route: RequirementRoute
  education: Education
  min_years_lower_title: number | null
  min_years_work: number | null
  note: string
}

export interface RequirementRow {
  route: RequirementRoute
  education: Education
  min_years_lower_title?: number | null
  min_years_work?: number | null
  note?: string
}

export interface ChecklistItem {
  id: number
  series_id: number
  level: Level
  code: string
  name: string
  section: ChecklistSection
  required: boolean
  allowed_types: FileType[]
  max_bytes: number
  max_count: number
  ordered: boolean
  sort: number
}

export type ChecklistInput = Omit<ChecklistItem, 'id' | 'series_id'>

/** The levels a series names, in order, as { level, name }. */
export function namedLevels(series: Series | null | undefined): { level: Level; name: string }[] {
  if (!series) return []
  return LEVELS.filter((l) => !!series.levels[l]).map((l) => ({ level: l, name: series.levels[l] as string }))
}

export const listSeries = () => http.get<Items<Series>>('/series')
export const getSeries = (id: number) => http.get<Series>(`/series/${id}`)
export const createSeries = (data: NewSeries) => http.post<Series>('/series', data, { quiet: true })
export const updateSeries = (id: number, data: SeriesPatch) => http.patch<Series>(`/series/${id}`, data, { quiet: true })

export const listSpecialties = (seriesId: number) => http.get<Items<Specialty>>(`/series/${seriesId}/specialties`)
export const addSpecialty = (seriesId: number, code: string, name: string) =>
  http.post<Specialty>(`/series/${seriesId}/specialties`, { code, name }, { quiet: true })

export const listRequirements = (seriesId: number, level?: Level) =>
  http.get<Items<Requirement>>(`/series/${seriesId}/requirements`, { level })
export const putRequirements = (seriesId: number, level: Level, rows: RequirementRow[]) =>
  http.put<Items<Requirement>>(`/series/${seriesId}/requirements/${level}`, { rows }, { quiet: true })

export const listChecklist = (seriesId: number, level?: Level) =>
  http.get<Items<ChecklistItem>>(`/series/${seriesId}/checklist`, { level })
export const addChecklistItem = (seriesId: number, data: ChecklistInput) =>
  http.post<ChecklistItem>(`/series/${seriesId}/checklist`, data, { quiet: true })
export const updateChecklistItem = (id: number, data: Partial<ChecklistInput>) =>
  http.patch<ChecklistItem>(`/checklist-items/${id}`, data, { quiet: true })
export const deleteChecklistItem = (id: number) => http.del(`/checklist-items/${id}`)
