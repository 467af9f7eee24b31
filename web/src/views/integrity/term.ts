import { shanghaiToday } from '@/utils/format'

/** Where a record stands today: not started yet, in force, its period is over, or it was ended early. */
export type IntegrityTerm = 'pending' | 'in_force' | 'expired' | 'ended'

/** The day a new record stops applying: starts_on plus its years (YYYY-MM-DD); a 29 February start ends on 1 March. */
export function integrityEnd(startsOn: string, years: number): string {
  const [y, m, d] = startsOn.split('-').map(Number)
  if (!y || !m || !d) return ''
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10)
}

/**
 * In force from starts_on (inclusive) until ends_on (exclusive), by the calendar of Asia/Shanghai. A record ended early
 * reads as ended once its new end has come (or when it was ended before it started).
 */
export function integrityTerm(startsOn: string, endsOn: string, endedEarly = false, today = shanghaiToday()): IntegrityTerm {
  if (endsOn <= today || (endedEarly && endsOn <= startsOn)) return endedEarly ? 'ended' : 'expired'
  return startsOn > today ? 'pending' : 'in_force'
}
