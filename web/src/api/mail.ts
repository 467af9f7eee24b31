import { http, type Page } from './http'

export type MailStatus = 'queued' | 'sending' | 'sent' | 'failed'
export const MAIL_STATUSES: readonly MailStatus[] = ['queued', 'sending', 'sent', 'failed']

/** A mail copy of an in-app message, as the outbox keeps it (address masked). */
export interface OutboxMail {
  id: number
  message_id: number | null
  user_id: number
  /** Masked address (z***@example.com). */
  to: string
  subject: string
  status: MailStatus
  attempts: number
  last_error: string | null
  /** host:pid:tag of the server that made the last attempt. */
  sender: string | null
  next_attempt_at: string | null
  created_at: string
  sent_at: string | null
}

export interface OutboxPage extends Page<OutboxMail> {
  /** Whether this server sends mail (mail.smtp_url is set). */
  sending: boolean
}

export interface OutboxQuery {
  status?: MailStatus | ''
  user_id?: number
  page: number
  page_size: number
}

export const listOutbox = (q: OutboxQuery) => http.get<OutboxPage>('/mail/outbox', { ...q })
