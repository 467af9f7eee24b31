import { ElMessage } from 'element-plus'
import { h } from 'vue'
import { ApiError, type ErrorDetail } from '@/api/http'
import { currentLocale, i18n } from '@/i18n'

const t = (key: string, values?: Record<string, unknown>) => i18n.global.t(key, values ?? {})

function pick(zh: string | undefined, en: string | undefined): string {
  const english = currentLocale() === 'en'
  return (english ? en || zh : zh || en) ?? ''
}

export function detailText(d: ErrorDetail): string {
  const text = pick(d.message, d.message_en)
  if (text) return text
  return [d.field, d.code].filter(Boolean).join(': ')
}

/** The server's own message in the current locale, or '' when it sent none. */
export function serverMessage(err: unknown): string {
  return err instanceof ApiError ? pick(err.messageZh, err.messageEn) : ''
}

/** The message the user should read for an API error, in the current locale. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 0) return t('errors.network')
    const text = pick(err.messageZh, err.messageEn)
    if (text) return text
    const key = `errors.status${err.status}`
    if (i18n.global.te(key)) return t(key)
    if (err.status >= 500) return t('errors.status500')
    return t('errors.unknown', { code: err.code })
  }
  return t('errors.unknown', { code: err instanceof Error ? err.name : 'client' })
}

/** What to do next after a refusal with this code ('' when the server's message says enough). */
export function nextStep(err: unknown): string {
  if (!(err instanceof ApiError)) return ''
  const key = `nextSteps.${err.code}`
  return i18n.global.te(key) ? t(key) : ''
}

/** A refusal as a page shows it: the server's reason in the current language and what to do next. */
export interface RefusalText {
  code: string
  message: string
  next: string
  /** The details (409/422 list every open matter or violation), one line each. */
  lines: string[]
}

export function refusalText(err: unknown): RefusalText {
  const message = errorText(err)
  const lines = err instanceof ApiError ? err.details.map(detailText).filter((s) => s && s !== message) : []
  return { code: err instanceof ApiError ? err.code : '', message, next: nextStep(err), lines }
}

/** Shows an error with ElMessage; 400/422 details are listed one per line, then what to do next. */
export function showError(err: unknown): void {
  const main = errorText(err)
  const details = err instanceof ApiError && (err.status === 400 || err.status === 422) ? err.details : []
  const next = nextStep(err)
  const lines = [...details.map(detailText), next].filter((s) => s && s !== main)
  if (lines.length === 0) {
    ElMessage({ type: 'error', message: main, showClose: true, duration: 6000, grouping: true })
    return
  }
  ElMessage({
    type: 'error',
    showClose: true,
    duration: 10000,
    message: h('div', { class: 'zp-error' }, [
      h('div', main),
      h(
        'ul',
        { class: 'zp-error-details' },
        lines.map((l) => h('li', l)),
      ),
    ]),
  })
}

/** Field errors from a 422/400 answer: field name → message in the current locale. */
export function fieldErrors(err: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  if (!(err instanceof ApiError)) return out
  for (const d of err.details) {
    if (d.field && !out[d.field]) out[d.field] = detailText(d)
  }
  return out
}

export function notifySuccess(message: string): void {
  // An earlier error no longer applies once the user has put it right.
  ElMessage.closeAll('error')
  ElMessage({ type: 'success', message, grouping: true })
}
