import type { FormItemRule } from 'element-plus'
import { useI18n } from 'vue-i18n'
import { checkCreditCode, checkPassword, checkResidentId, isLoginName, isMobilePhone } from '@/utils/validators'

type Validator = (rule: unknown, value: unknown, callback: (e?: Error) => void) => void

/** el-form rules shared by the registration, account and admin forms; messages follow the locale. */
export function useFormRules() {
  const { t } = useI18n()

  const check =
    (problem: (v: string) => string | null): Validator =>
    (_rule, value, callback) => {
      const v = typeof value === 'string' ? value : value == null ? '' : String(value)
      if (!v) return callback()
      const msg = problem(v)
      callback(msg ? new Error(msg) : undefined)
    }

  const required = (fieldKey: string, select = false): FormItemRule => ({
    required: true,
    trigger: select ? 'change' : 'blur',
    validator: (_r, value, cb) => {
      const empty = value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
      cb(empty ? new Error(t(select ? 'validation.requiredSelect' : 'validation.required', { field: t(fieldKey) })) : undefined)
    },
  })

  const residentId: FormItemRule = {
    trigger: 'blur',
    validator: check((v) => {
      const p = checkResidentId(v)
      return p === 'length'
        ? t('validation.residentIdLength')
        : p === 'date'
          ? t('validation.residentIdDate')
          : p === 'checksum'
            ? t('validation.residentIdChecksum')
            : null
    }),
  }

  const creditCode: FormItemRule = {
    trigger: 'blur',
    validator: check((v) => {
      const p = checkCreditCode(v)
      return p === 'length'
        ? t('validation.creditCodeLength')
        : p === 'chars'
          ? t('validation.creditCodeChars')
          : p === 'checksum'
            ? t('validation.creditCodeChecksum')
            : null
    }),
  }

  const phone: FormItemRule = {
    trigger: 'blur',
    validator: check((v) => (isMobilePhone(v) ? null : t('validation.phone'))),
  }

  const loginName: FormItemRule = {
    trigger: 'blur',
    validator: check((v) => (isLoginName(v) ? null : t('validation.loginFormat'))),
  }

  const password = (login: () => string): FormItemRule => ({
    trigger: 'blur',
    validator: check((v) => {
      const p = checkPassword(v, login())
      return p === 'length' ? t('validation.passwordLength') : p === 'equalsLogin' ? t('validation.passwordEqualsLogin') : null
    }),
  })

  const sameAs = (other: () => string): FormItemRule => ({
    trigger: 'blur',
    validator: check((v) => (v === other() ? null : t('validation.passwordMismatch'))),
  })

  return { required, residentId, creditCode, phone, loginName, password, sameAs }
}
