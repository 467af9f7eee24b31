// Instants are stored in UTC and shown in Asia/Shanghai whatever the browser's zone.

const formatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
})

export function formatInstant(iso: string | null | undefined, withSeconds = false): string {
  if (!iso) return '—'
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const p: Record<string, string> = {}
  for (const part of formatter.formatToParts(date)) p[part.type] = part.value
  const time = withSeconds ? `${p.hour}:${p.minute}:${p.second}` : `${p.hour}:${p.minute}`
  return `${p.year}-${p.month}-${p.day} ${time}`
}

export function orDash(v: string | number | null | undefined): string {
  return v === null || v === undefined || v === '' ? '—' : String(v)
}

/** An instant as the wall-clock time in Asia/Shanghai, "YYYY-MM-DD HH:mm:ss" (what the date-time pickers edit). */
export function toShanghaiWall(iso: string | null | undefined): string {
  if (!iso) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return ''
  const p: Record<string, string> = {}
  for (const part of formatter.formatToParts(date)) p[part.type] = part.value
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`
}

/** "YYYY-MM-DD HH:mm:ss" in Asia/Shanghai → ISO instant with the +08:00 offset the API expects. */
export function fromShanghaiWall(wall: string): string {
  return `${wall.trim().replace(' ', 'T')}+08:00`
}

/** Today's date in Asia/Shanghai, YYYY-MM-DD. */
export function shanghaiToday(): string {
  return toShanghaiWall(new Date().toISOString()).slice(0, 10)
}
