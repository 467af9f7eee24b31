// Writes a gzip -9 copy (name.gz) next to every compressible file in dist/, keeping the original.
import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { extname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { constants, gzipSync } from 'node:zlib'

const EXTENSIONS = new Set(['.js', '.css', '.html', '.svg', '.json'])
const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', process.argv[2] ?? 'dist')

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* walk(path)
    else if (entry.isFile()) yield path
  }
}

let count = 0
let before = 0
let after = 0
for (const file of walk(root)) {
  if (!EXTENSIONS.has(extname(file))) continue
  const data = readFileSync(file)
  const gz = gzipSync(data, { level: constants.Z_BEST_COMPRESSION })
  writeFileSync(`${file}.gz`, gz)
  const { atime, mtime } = statSync(file)
  utimesSync(`${file}.gz`, atime, mtime)
  count += 1
  before += data.length
  after += gz.length
}
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`
console.log(`gzip-dist: ${count} files, ${kib(before)} -> ${kib(after)}`)
