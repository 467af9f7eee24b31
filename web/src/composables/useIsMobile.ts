import { onBeforeUnmount, ref } from 'vue'

/** True on phone-width screens, where the side menu moves into a drawer. */
export function useIsMobile(query = '(max-width: 768px)') {
  const mql = window.matchMedia(query)
  const isMobile = ref(mql.matches)
  const onChange = (e: MediaQueryListEvent) => {
    isMobile.value = e.matches
  }
  mql.addEventListener('change', onChange)
  onBeforeUnmount(() => mql.removeEventListener('change', onChange))
  return isMobile
}
