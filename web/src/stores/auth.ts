import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as authApi from '@/api/auth'
import type { RoleAssignment, RoleCode, SessionUser } from '@/api/auth'
import { ApiError } from '@/api/http'
import { showError } from '@/utils/errors'

export const useAuthStore = defineStore('auth', () => {
  const user = ref<SessionUser | null>(null)
  const roles = ref<RoleAssignment[]>([])
  const csrfToken = ref<string | null>(null)
  /** True once the initial GET /me has answered (logged in or not). */
  const restored = ref(false)

  const loggedIn = computed(() => user.value !== null)
  const roleCodes = computed(() => new Set<RoleCode>(roles.value.map((r) => r.role)))
  const mustChangePassword = computed(() => user.value?.must_change_password === true)

  function hasAnyRole(wanted: readonly RoleCode[]): boolean {
    return wanted.some((r) => roleCodes.value.has(r))
  }

  function apply(s: authApi.Session): void {
    user.value = s.user
    roles.value = s.roles ?? []
    csrfToken.value = s.csrf_token
  }

  function clear(): void {
    user.value = null
    roles.value = []
    csrfToken.value = null
  }

  async function restore(): Promise<void> {
    try {
      apply(await authApi.me())
    } catch (err) {
      clear()
      if (!(err instanceof ApiError) || err.status !== 401) showError(err)
    } finally {
      restored.value = true
    }
  }

  /** Checks the session is still alive; false when the server says 401. */
  async function stillLoggedIn(): Promise<boolean> {
    try {
      apply(await authApi.me())
      return true
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return false
      return true
    }
  }

  async function login(loginName: string, password: string): Promise<void> {
    apply(await authApi.login(loginName, password))
    restored.value = true
  }

  async function logout(): Promise<void> {
    try {
      await authApi.logout()
    } finally {
      clear()
    }
  }

  async function changePassword(oldPassword: string, newPassword: string): Promise<void> {
    const res = await authApi.changePassword(oldPassword, newPassword)
    if (res?.csrf_token) csrfToken.value = res.csrf_token
    if (user.value) user.value = { ...user.value, must_change_password: false }
  }

  async function setEmail(email: string | null): Promise<void> {
    apply(await authApi.updateOwnEmail(email))
  }

  return {
    user,
    roles,
    csrfToken,
    restored,
    loggedIn,
    roleCodes,
    mustChangePassword,
    hasAnyRole,
    restore,
    stillLoggedIn,
    login,
    logout,
    changePassword,
    setEmail,
    clear,
  }
})
