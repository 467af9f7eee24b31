/** 0 = Sunday … 6 = Saturday for a YYYY-MM-DD date (calendar date, no time zone involved). */
export function weekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay()
}
