import { shanghaiToday } from '@/utils/format'

/** Where a record stands today: not started yet, in force, or its period is over. */
export type IntegrityTerm = 'pending' | 'in_force' | 'expired'

/** The day the record stops applying: starts_on plus its years (YYYY-MM-DD); a 29 February start ends on 1 March. */
export function integrityEnd(startsOn: string, years: number): string {
  const [y, m, d] = startsOn.split('-').map(Number)
  if (!y || !m || !d) return ''
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10)
}

/** In force from starts_on (inclusive) until starts_on + years (exclusive), by the calendar of Asia/Shanghai. */
export function integrityTerm(startsOn: string, years: number, today = shanghaiToday()): IntegrityTerm {
  if (startsOn > today) return 'pending'
  return integrityEnd(startsOn, years) > today ? 'in_force' : 'expired'
}
