import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { listOrgs } from '@/api/org'
import { menuItem } from '@/router/menu'
import { useAuthStore } from '@/stores/auth'

/**
 * Names of organisations the user may see (GET /orgs); others (e.g. committees for an applicant)
 * are shown by number.
 */
export function useOrgNames() {
  const { t } = useI18n()
  const auth = useAuthStore()
  const names = ref(new Map<number, string>())

  async function load(): Promise<void> {
    const readers = menuItem('orgs')?.roles
    if (readers && !auth.hasAnyRole(readers)) return
    try {
      names.value = new Map((await listOrgs({ quiet: true })).items.map((o) => [o.id, o.name]))
    } catch {
      // not allowed to read the tree: numbers are shown instead
    }
  }

  const committeeName = (id: number | null | undefined) =>
    id == null ? '—' : names.value.get(id) ?? t('dossier.committeeN', { id })
  const orgName = (id: number | null | undefined) => (id == null ? '—' : names.value.get(id) ?? `#${id}`)

  return { names, load, committeeName, orgName }
}
