import { computed, ref, watch } from 'vue'
import { useRoute } from 'vue-router'
import { useI18n } from 'vue-i18n'
import { phaseOf, phaseState, type PhaseCode } from '@/api/campaign'
import { useAuthStore } from '@/stores/auth'
import { useOrgNames } from '@/composables/useOrgNames'
import { errorText } from '@/utils/errors'
import { formatInstant } from '@/utils/format'
import { lastReturnAt } from './marks'
import { useReview, type ReviewStage } from './useReview'
import { useSteps } from './useSteps'

/** The dossier of the address, loaded for a reviewer's page of `stage`, with its steps and the unit's name. */
export function useReviewPage(stage: ReviewStage) {
  const route = useRoute()
  const { t } = useI18n()
  const auth = useAuthStore()
  const orgs = useOrgNames()
  const r = useReview(stage)
  const id = computed(() => Number(route.params.id))
  const loadError = ref('')
  const loading = ref(false)

  async function load() {
    loading.value = true
    loadError.value = ''
    try {
      await Promise.all([r.load(id.value), stage !== 'unit' && orgs.names.value.size === 0 ? orgs.load() : null])
      if (r.data.error.value) loadError.value = r.data.error.value
    } catch (err) {
      loadError.value = errorText(err)
    } finally {
      loading.value = false
    }
  }

  const steps = useSteps(load)
  const v = computed(() => r.view.value)
  /** The unit reviewer's own unit is the role's organisation; the others read the organisation tree. */
  const unitName = computed(() => {
    const unit = v.value?.unit_id
    if (!unit) return ''
    return auth.roles.find((x) => x.org_id === unit)?.org_name ?? orgs.names.value.get(unit) ?? ''
  })

  // After a return: when it was, and what the applicant changed since (flagged only while the new round waits).
  const returnedAt = computed(() => (v.value ? lastReturnAt(v.value.history) : null))
  const changed = (list: string[] | undefined) => new Set(r.resubmitted.value ? (list ?? []) : [])
  const changedSections = computed(() => changed(r.changes.value?.sections_changed))
  const changedItems = computed(() => changed(r.changes.value?.items_changed))
  const newSince = computed(() => (r.resubmitted.value ? returnedAt.value : null))

  /** The stage's window: whether it is open, and (in the states it concerns) the note that it has closed. */
  const campaign = computed(() => r.data.campaign.value)
  function phaseWindow(phase: PhaseCode, states: readonly string[], noteKey: string) {
    const open = computed(() => phaseState(campaign.value, phase) === 'open')
    const note = computed(() =>
      !open.value && v.value && states.includes(v.value.state) ? t(noteKey, { at: formatInstant(phaseOf(campaign.value, phase)?.closes_at) }) : '',
    )
    return { open, note }
  }

  watch(id, load, { immediate: true })
  return {
    r,
    id,
    v,
    campaign,
    load,
    loadError,
    loading,
    unitName,
    returnedAt,
    changedSections,
    changedItems,
    newSince,
    phaseWindow,
    ...steps,
  }
}
export type ReviewPage = ReturnType<typeof useReviewPage>
