// Shared HTTP client for /api/v1. Every call to the server goes through request().

export interface ErrorDetail {
  field?: string
  code?: string
  message?: string
  message_en?: string
  [key: string]: unknown
}

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly messageZh: string
  readonly messageEn: string
  readonly details: ErrorDetail[]

  constructor(status: number, code: string, messageZh: string, messageEn: string, details: ErrorDetail[] = []) {
    super(messageEn || messageZh || code)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.messageZh = messageZh
    this.messageEn = messageEn
    this.details = details
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>

export interface RequestOptions {
  query?: Query
  body?: unknown
  /** Do not show the error to the user; the caller handles it. */
  quiet?: boolean
  /** A 401 from this call is an answer (e.g. wrong password), not an expired session. */
  allow401?: boolean
}

interface Hooks {
  csrfToken: () => string | null
  onUnauthorized: () => void
  onError: (err: ApiError) => void
}

const hooks: Hooks = {
  csrfToken: () => null,
  onUnauthorized: () => {},
  onError: () => {},
}

export function configureHttp(h: Partial<Hooks>): void {
  Object.assign(hooks, h)
}

export const API_BASE = '/api/v1'

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const NO_CSRF = new Set(['/auth/login', '/register/applicant', '/register/unit'])

function buildUrl(path: string, query?: Query): string {
  let url = API_BASE + path
  if (query) {
    const params = new URLSearchParams()
    for (const [k, v] of Object.entries(query)) {
      if (v !== undefined && v !== null && v !== '') params.set(k, String(v))
    }
    const qs = params.toString()
    if (qs) url += `?${qs}`
  }
  return url
}

async function parseError(res: Response): Promise<ApiError> {
  let body: unknown = null
  try {
    body = await res.json()
  } catch {
    body = null
  }
  const e = (body as { error?: Record<string, unknown> } | null)?.error
  if (e && typeof e === 'object') {
    return new ApiError(
      res.status,
      String(e.code ?? `http_${res.status}`),
      String(e.message ?? ''),
      String(e.message_en ?? ''),
      Array.isArray(e.details) ? (e.details as ErrorDetail[]) : [],
    )
  }
  return new ApiError(res.status, `http_${res.status}`, '', '')
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  let body: string | undefined
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(opts.body)
  }
  if (UNSAFE.has(method) && !NO_CSRF.has(path)) {
    const token = hooks.csrfToken()
    if (token) headers['X-CSRF-Token'] = token
  }

  let res: Response
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      cache: 'no-store',
    })
  } catch {
    const err = new ApiError(0, 'network', '', '')
    if (!opts.quiet) hooks.onError(err)
    throw err
  }

  if (res.ok) {
    if (res.status === 204) return undefined as T
    const text = await res.text()
    return (text ? JSON.parse(text) : undefined) as T
  }

  const err = await parseError(res)
  if (res.status === 401 && !opts.allow401) {
    hooks.onUnauthorized()
    throw err
  }
  if (!opts.quiet) hooks.onError(err)
  throw err
}

export interface UploadHandle<T> {
  promise: Promise<T>
  abort: () => void
}

function errorFromText(status: number, text: string): ApiError {
  let body: unknown = null
  try {
    body = text ? JSON.parse(text) : null
  } catch {
    body = null
  }
  const e = (body as { error?: Record<string, unknown> } | null)?.error
  if (e && typeof e === 'object') {
    return new ApiError(
      status,
      String(e.code ?? `http_${status}`),
      String(e.message ?? ''),
      String(e.message_en ?? ''),
      Array.isArray(e.details) ? (e.details as ErrorDetail[]) : [],
    )
  }
  return new ApiError(status, status === 0 ? 'network' : `http_${status}`, '', '')
}

/**
 * Sends a raw body with PUT through XMLHttpRequest so the caller can follow the upload's progress
 * (fraction 0..1). Errors are not shown: the caller explains them (sizes, types, counts).
 */
export function uploadRaw<T>(path: string, query: Query, body: Blob, onProgress: (fraction: number) => void): UploadHandle<T> {
  const xhr = new XMLHttpRequest()
  const promise = new Promise<T>((resolve, reject) => {
    xhr.open('PUT', buildUrl(path, query))
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.setRequestHeader('Content-Type', 'application/octet-stream')
    const token = hooks.csrfToken()
    if (token) xhr.setRequestHeader('X-CSRF-Token', token)
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total)
    }
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1)
        try {
          resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T)
        } catch {
          reject(new ApiError(xhr.status, 'bad_response', '', ''))
        }
        return
      }
      const err = errorFromText(xhr.status, xhr.responseText)
      if (xhr.status === 401) hooks.onUnauthorized()
      reject(err)
    }
    xhr.onerror = () => reject(new ApiError(0, 'network', '', ''))
    xhr.onabort = () => reject(new ApiError(0, 'aborted', '', ''))
    xhr.send(body)
  })
  return { promise, abort: () => xhr.abort() }
}

export const http = {
  get: <T>(path: string, query?: Query, opts: RequestOptions = {}) => request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts: RequestOptions = {}) => request<T>('POST', path, { ...opts, body }),
  patch: <T>(path: string, body?: unknown, opts: RequestOptions = {}) => request<T>('PATCH', path, { ...opts, body }),
  put: <T>(path: string, body?: unknown, opts: RequestOptions = {}) => request<T>('PUT', path, { ...opts, body }),
  del: <T = void>(path: string, opts: RequestOptions = {}) => request<T>('DELETE', path, opts),
}

export interface Page<T> {
  items: T[]
  total: number
  page: number
  page_size: number
}

export interface Items<T> {
  items: T[]
}
