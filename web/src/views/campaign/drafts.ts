import type { Level } from '@/api/catalog'

/** A phase being edited: wall-clock times in Asia/Shanghai, "YYYY-MM-DD HH:mm:ss"; '' when not set. */
export interface PhaseDraft {
  opens: string
  closes: string
}

export interface CommitteeDraft {
  committee_org_id: number | undefined
  series_id: number | undefined
  levels: Level[]
}
