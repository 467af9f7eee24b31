// Client-side checks mirroring the server's rules (GB 11643 resident ID, GB 32100 credit code).

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECKS = '10X98765432'

export type ResidentIdProblem = 'length' | 'date' | 'checksum'

export function checkResidentId(raw: string): ResidentIdProblem | null {
  const id = raw.trim().toUpperCase()
  if (!/^\d{17}[\dX]$/.test(id)) return 'length'
  const y = Number(id.slice(6, 10))
  const m = Number(id.slice(10, 12))
  const d = Number(id.slice(12, 14))
  const date = new Date(Date.UTC(y, m - 1, d))
  if (
    y < 1900 ||
    date.getUTCFullYear() !== y ||
    date.getUTCMonth() !== m - 1 ||
    date.getUTCDate() !== d ||
    date.getTime() > Date.now()
  ) {
    return 'date'
  }
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * ID_WEIGHTS[i]
  return ID_CHECKS[sum % 11] === id[17] ? null : 'checksum'
}

const CC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const CC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

export type CreditCodeProblem = 'length' | 'chars' | 'checksum'

export function creditCodeCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += CC_ALPHABET.indexOf(first17[i]) * CC_WEIGHTS[i]
  return CC_ALPHABET[(31 - (sum % 31)) % 31]
}

export function checkCreditCode(raw: string): CreditCodeProblem | null {
  const code = raw.trim().toUpperCase()
  if (code.length !== 18) return 'length'
  for (const c of code) if (!CC_ALPHABET.includes(c)) return 'chars'
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : 'checksum'
}

export function isMobilePhone(raw: string): boolean {
  return /^1[3-9]\d{9}$/.test(raw.trim())
}

export function isLoginName(raw: string): boolean {
  return /^[A-Za-z0-9_.-]{4,32}$/.test(raw)
}

export type PasswordProblem = 'length' | 'equalsLogin'

export function checkPassword(password: string, login: string): PasswordProblem | null {
  if (password.length < 8) return 'length'
  if (login && password.toLowerCase() === login.toLowerCase()) return 'equalsLogin'
  return null
}
