// Browser-side handling of files before upload: what a file is (by content, as the server decides)
// and shrinking photos and scans to fit a size limit.

export type FileKind = 'jpeg' | 'png' | 'pdf' | 'other'

/** The kind of a file from its first bytes, not its name. */
export async function fileKind(file: Blob): Promise<FileKind> {
  const head = new Uint8Array(await file.slice(0, 8).arrayBuffer())
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg'
  if (head[0] === 0x89 && head[1] === 0x50 && head[2] === 0x4e && head[3] === 0x47) return 'png'
  if (head[0] === 0x25 && head[1] === 0x50 && head[2] === 0x44 && head[3] === 0x46) return 'pdf'
  return 'other'
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image()
    img.onload = () => resolve(img)
    img.onerror = () => reject(new Error('image'))
    img.src = url
  })
}

function toJpeg(canvas: HTMLCanvasElement, quality: number): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality))
}

const QUALITIES = [0.92, 0.85, 0.75, 0.65, 0.55, 0.45]
const MAX_SIDE = 4000

/**
 * Re-encodes an image (JPEG or PNG) as JPEG at decreasing quality, then smaller scale, until it is
 * at most maxBytes. Returns null when the image cannot be read or does not get small enough.
 */
export async function compressImage(file: Blob, maxBytes: number): Promise<Blob | null> {
  const url = URL.createObjectURL(file)
  try {
    const img = await loadImage(url)
    const w0 = img.naturalWidth
    const h0 = img.naturalHeight
    if (!w0 || !h0) return null
    let scale = Math.min(1, MAX_SIDE / Math.max(w0, h0))
    for (let round = 0; round < 8; round++) {
      const canvas = document.createElement('canvas')
      canvas.width = Math.max(1, Math.round(w0 * scale))
      canvas.height = Math.max(1, Math.round(h0 * scale))
      const ctx = canvas.getContext('2d')
      if (!ctx) return null
      ctx.fillStyle = '#fff' // transparent PNG areas become white, not black
      ctx.fillRect(0, 0, canvas.width, canvas.height)
      ctx.drawImage(img, 0, 0, canvas.width, canvas.height)
      for (const q of QUALITIES) {
        const blob = await toJpeg(canvas, q)
        if (blob && blob.size <= maxBytes) return blob
      }
      scale *= 0.7
    }
    return null
  } catch {
    return null
  } finally {
    URL.revokeObjectURL(url)
  }
}

/** "scan.png" → "scan.jpg" */
export function jpegName(name: string): string {
  const base = name.replace(/\.[^.]*$/, '')
  return `${base || 'image'}.jpg`
}
