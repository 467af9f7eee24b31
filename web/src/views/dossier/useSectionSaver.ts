import { onBeforeUnmount, reactive, ref, watch } from 'vue'
import { ApiError } from '@/api/http'
import { saveSection, type SectionData, type SectionName, type SectionState } from '@/api/dossier'
import { detailText, showError } from '@/utils/errors'
import { cleanForSave, fieldProp, SECTION_DEFAULTS, withDefaults } from './fields'

export type SaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'invalid' | 'error' | 'conflict'

export interface Conflict {
  version: number
  data: SectionData
}

export interface SaverOptions {
  dossierId: number
  section: SectionName
  initial: SectionState | undefined
  defaults: () => Record<string, unknown>
  readOnly: () => boolean
  onSaved: () => void
  /** The server refused any change (window closed, already submitted). */
  onBlocked: (err: ApiError) => void
  delayMs?: number
}

function parseData(text: unknown): SectionData {
  if (text && typeof text === 'object') return text as SectionData
  try {
    const v = JSON.parse(String(text ?? '{}'))
    return v && typeof v === 'object' ? (v as SectionData) : {}
  } catch {
    return {}
  }
}

/** A deep copy of plain JSON data (also of reactive proxies, which structuredClone refuses). */
function clone(data: SectionData): SectionData {
  return JSON.parse(JSON.stringify(data)) as SectionData
}

function shortMessage(field: string, message: string): string {
  for (const sep of ['：', ': ']) if (message.startsWith(field + sep)) return message.slice(field.length + sep.length)
  return message
}

/** What a section form edits: the content, the field errors, and a hook for the form's own validation. */
export interface SectionModel {
  section: SectionName
  model: Record<string, unknown>
  errors: Record<string, string>
  setValidator: (fn: (() => Promise<boolean>) | null) => void
}

/** The field errors of a refused section save (422 with details), keyed like the forms' fields. */
export function sectionFieldErrors(err: ApiError): Record<string, string> {
  const out: Record<string, string> = {}
  for (const d of err.details) if (d.field) out[fieldProp(d.field)] = shortMessage(d.field, detailText(d))
  return out
}

/**
 * A section edited as a draft that saves nothing by itself (the office's correction): a copy of its content in
 * the same forms, validated by them, and its cleaned content on demand.
 */
export function useSectionDraft(section: SectionName, data: SectionData | undefined) {
  let validator: (() => Promise<boolean>) | null = null
  const draft: SectionModel = reactive({
    section,
    model: withDefaults(clone(data ?? {}), SECTION_DEFAULTS[section]()),
    errors: {} as Record<string, string>,
    setValidator: (fn: (() => Promise<boolean>) | null) => {
      validator = fn
    },
  })
  return {
    draft,
    validate: async () => (validator ? validator() : true),
    content: () => cleanForSave(draft.model) as SectionData,
    showErrors(fields: Record<string, string>) {
      for (const k of Object.keys(draft.errors)) delete draft.errors[k]
      Object.assign(draft.errors, fields)
    },
  }
}

/** Auto-save of one section: debounced after each change, carrying the section's version. */
export function useSectionSaver(o: SaverOptions) {
  const delay = o.delayMs ?? 2000
  const model = reactive<Record<string, unknown>>(withDefaults(clone(o.initial?.data ?? {}), o.defaults()))
  const version = ref(o.initial?.version ?? 0)
  const status = ref<SaveStatus>('idle')
  const savedAt = ref<number | null>(null)
  const errors = reactive<Record<string, string>>({})
  const conflict = ref<Conflict | null>(null)
  let validator: (() => Promise<boolean>) | null = null
  let timer: ReturnType<typeof setTimeout> | undefined
  let inflight: Promise<void> | null = null

  const snapshot = () => JSON.stringify(cleanForSave(model))
  /** The content the server has (as far as this page knows). */
  let baseline = snapshot()
  const dirty = () => snapshot() !== baseline

  function clearErrors() {
    for (const k of Object.keys(errors)) delete errors[k]
  }

  function replaceModel(data: SectionData) {
    for (const k of Object.keys(model)) delete model[k]
    Object.assign(model, withDefaults(clone(data), o.defaults()))
    baseline = snapshot()
  }

  watch(
    model,
    () => {
      if (o.readOnly() || status.value === 'conflict') return
      if (!dirty()) {
        if (status.value === 'pending') status.value = savedAt.value ? 'saved' : 'idle'
        return
      }
      status.value = 'pending'
      clearTimeout(timer)
      timer = setTimeout(() => void flush(), delay)
    },
    { deep: true },
  )

  async function save(): Promise<void> {
    if (validator && !(await validator())) {
      status.value = 'invalid'
      return
    }
    const payload = cleanForSave(model) as SectionData
    const sent = JSON.stringify(payload)
    status.value = 'saving'
    try {
      const res = await saveSection(o.dossierId, o.section, version.value, payload)
      version.value = res.version
      baseline = sent
      clearErrors()
      savedAt.value = Date.now()
      if (dirty()) {
        status.value = 'pending'
        clearTimeout(timer)
        timer = setTimeout(() => void flush(), delay)
      } else {
        status.value = 'saved'
      }
      o.onSaved()
    } catch (err) {
      if (!(err instanceof ApiError)) {
        status.value = 'error'
        showError(err)
        return
      }
      if (err.code === 'stale_write') {
        const d = err.details[0] ?? {}
        conflict.value = { version: Number(d.version ?? 0), data: parseData(d.data) }
        status.value = 'conflict'
        return
      }
      status.value = 'error'
      if (err.code === 'invalid_fields') {
        clearErrors()
        Object.assign(errors, sectionFieldErrors(err))
        return
      }
      if (err.code === 'window_closed' || err.code === 'wrong_state') {
        o.onBlocked(err)
        return
      }
      showError(err)
    }
  }

  async function flush(): Promise<void> {
    clearTimeout(timer)
    if (inflight) {
      await inflight
      return flush()
    }
    if (o.readOnly() || status.value === 'conflict' || !dirty()) return
    inflight = save().finally(() => {
      inflight = null
    })
    return inflight
  }

  function loadLatest() {
    const c = conflict.value
    if (!c) return
    replaceModel(c.data)
    version.value = c.version
    conflict.value = null
    clearErrors()
    status.value = 'saved'
    savedAt.value = Date.now()
    o.onSaved()
  }

  async function overwrite() {
    const c = conflict.value
    if (!c) return
    version.value = c.version
    conflict.value = null
    status.value = 'pending'
    await flush()
  }

  onBeforeUnmount(() => clearTimeout(timer))

  return reactive({
    section: o.section,
    model,
    version,
    status,
    savedAt,
    errors,
    conflict,
    setValidator: (fn: (() => Promise<boolean>) | null) => {
      validator = fn
    },
    /** Saves now if anything changed; resolves when the save (if any) is done. */
    flush,
    /** Conflict: take the other page's content. */
    loadLatest,
    /** Conflict: keep this page's content and save it over the other (the user chose so). */
    overwrite,
  })
}

export type SectionSaver = ReturnType<typeof useSectionSaver>
