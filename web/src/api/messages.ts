import { http, type Page } from './http'

export interface Message {
  id: number
  kind: string
  title: string
  title_en: string
  body: string
  dossier_id: number | null
  read_at: string | null
  created_at: string
}

export interface Inbox extends Page<Message> {
  unread: number
}

export const listMessages = (query: { unread?: boolean; page?: number; page_size?: number }) =>
  http.get<Inbox>('/messages', { unread: query.unread ? 1 : undefined, page: query.page, page_size: query.page_size }, { quiet: true })

/** Only the unread count; quiet, and a lapsed session is not chased from here (the next page load does that). */
export const unreadCount = () =>
  http.get<Inbox>('/messages', { unread: 1, page_size: 1 }, { quiet: true, allow401: true }).then((r) => r.unread)

export const markMessageRead = (id: number) => http.post<void>(`/messages/${id}/read`, undefined, { quiet: true })
export const markAllMessagesRead = () => http.post<void>('/messages/read-all', undefined, { quiet: true })
