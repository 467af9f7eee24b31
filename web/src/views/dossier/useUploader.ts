import { ref } from 'vue'
import { ElMessage, ElMessageBox } from 'element-plus'
import { useI18n } from 'vue-i18n'
import { ApiError } from '@/api/http'
import { uploadAttachment, type Attachment, type ChecklistStatus } from '@/api/dossier'
import { compressImage, fileKind, jpegName } from '@/utils/files'
import { formatBytes } from '@/utils/bytes'
import { errorText } from '@/utils/errors'

const TYPE_ERRORS = ['empty_file', 'not_pdf_or_jpeg', 'pdf_unreadable', 'pdf_no_pages', 'jpeg_undecodable', 'type_not_allowed']

/** Uploads files to one checklist item: checks type and size first, offers to compress photos, reports progress. */
export function useUploader(
  dossierId: () => number,
  item: () => ChecklistStatus,
  count: () => number,
  hooks: { uploaded: (a: Attachment) => void; blocked: (err: ApiError) => void },
) {
  const { t } = useI18n()
  const uploading = ref(false)
  const progress = ref(0)
  const current = ref('')

  const fail = (message: string) => ElMessage({ type: 'error', message, showClose: true, duration: 8000 })

  async function ask(message: string, confirm: string): Promise<boolean> {
    try {
      await ElMessageBox.confirm(message, t('upload.compressTitle'), {
        confirmButtonText: confirm,
        cancelButtonText: t('common.cancel'),
        type: 'info',
      })
      return true
    } catch {
      return false
    }
  }

  /** The body to send, or null when the file cannot go (the user has been told why). */
  async function prepare(file: File): Promise<{ body: Blob; name: string } | null> {
    const it = item()
    const kind = await fileKind(file)
    const types = it.allowed_types.join('/').toUpperCase()
    if (kind === 'other') {
      fail(t('upload.badType', { name: file.name, types }))
      return null
    }
    const asType = kind === 'pdf' ? 'pdf' : 'jpeg'
    if (!it.allowed_types.includes(asType)) {
      fail(t('upload.typeNotAllowed', { name: file.name, types }))
      return null
    }
    if (kind === 'pdf') {
      if (file.size > it.max_bytes) {
        fail(t('upload.pdfTooLarge', { name: file.name, size: formatBytes(file.size), max: formatBytes(it.max_bytes) }))
        return null
      }
      return { body: file, name: file.name }
    }
    if (kind === 'jpeg' && file.size <= it.max_bytes) return { body: file, name: file.name }
    const message =
      kind === 'png'
        ? t('upload.pngAsk', { name: file.name })
        : t('upload.compressAsk', { name: file.name, size: formatBytes(file.size), max: formatBytes(it.max_bytes) })
    if (!(await ask(message, t('upload.compress')))) return null
    const body = await compressImage(file, it.max_bytes)
    if (!body) {
      fail(t('upload.compressFailed', { name: file.name, max: formatBytes(it.max_bytes) }))
      return null
    }
    return { body, name: jpegName(file.name) }
  }

  function explain(err: unknown, size: number) {
    const it = item()
    if (!(err instanceof ApiError)) return fail(errorText(err))
    if (err.code === 'window_closed' || err.code === 'wrong_state') return hooks.blocked(err)
    if (err.status === 413 || (err.status === 0 && size > it.max_bytes)) {
      const limit = Number(err.details[0]?.limit_bytes ?? it.max_bytes)
      return fail(t('upload.tooLarge', { max: formatBytes(limit) }))
    }
    if (err.code === 'attachment_type') {
      const code = String(err.details[0]?.code ?? '')
      const reason = TYPE_ERRORS.includes(code) ? t(`upload.errors.${code}`, { types: it.allowed_types.join('/').toUpperCase() }) : ''
      return fail(reason ? `${current.value}：${reason}` : errorText(err))
    }
    fail(errorText(err))
  }

  async function uploadFiles(files: File[]) {
    for (const file of files) {
      if (count() >= item().max_count) {
        fail(t('upload.full', { max: item().max_count }))
        return
      }
      const prepared = await prepare(file)
      if (!prepared) continue
      current.value = prepared.name
      progress.value = 0
      uploading.value = true
      try {
        const a = await uploadAttachment(dossierId(), item().code, prepared.body, prepared.name, (f) => {
          progress.value = Math.round(f * 100)
        }).promise
        hooks.uploaded(a)
      } catch (err) {
        explain(err, prepared.body.size)
      } finally {
        uploading.value = false
      }
    }
  }

  return { uploading, progress, current, uploadFiles }
}
