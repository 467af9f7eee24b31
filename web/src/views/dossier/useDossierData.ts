import { ref } from 'vue'
import { getSeries, listSpecialties, type Series, type Specialty } from '@/api/catalog'
import { getCampaign, type Campaign } from '@/api/campaign'
import { getDossier, type DossierView } from '@/api/dossier'
import { errorText } from '@/utils/errors'

/** A dossier with what it refers to (series, campaign, specialties), loaded together. */
export function useDossierData() {
  const view = ref<DossierView | null>(null)
  const series = ref<Series | null>(null)
  const campaign = ref<Campaign | null>(null)
  const specialties = ref<Specialty[]>([])
  const loading = ref(false)
  const error = ref('')

  async function load(id: number): Promise<void> {
    loading.value = true
    error.value = ''
    try {
      const v = await getDossier(id)
      const [s, c, sp] = await Promise.allSettled([
        getSeries(v.series_id),
        getCampaign(v.campaign_id),
        listSpecialties(v.series_id),
      ])
      series.value = s.status === 'fulfilled' ? s.value : null
      campaign.value = c.status === 'fulfilled' ? c.value : null
      specialties.value = sp.status === 'fulfilled' ? sp.value.items : []
      view.value = v
    } catch (err) {
      error.value = errorText(err)
      view.value = null
    } finally {
      loading.value = false
    }
  }

  return { view, series, campaign, specialties, loading, error, load }
}
