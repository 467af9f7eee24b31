/** 2097152 → "2 MB", 1536 → "1.5 KB". */
export function formatBytes(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—'
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${trim(n / 1024)} KB`
  return `${trim(n / (1024 * 1024))} MB`
}

function trim(v: number): string {
  return (Math.round(v * 10) / 10).toString()
}
