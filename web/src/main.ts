import { createApp } from 'vue'
import { createPinia } from 'pinia'
import { ElMessage } from 'element-plus'
import 'element-plus/dist/index.css'
import './styles/main.css'
import App from './App.vue'
import element from './plugins/element'
import { i18n } from './i18n'
import { router } from './router'
import { configureHttp } from './api/http'
import { useAuthStore } from './stores/auth'
import { showError } from './utils/errors'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(i18n)
app.use(element)

const auth = useAuthStore(pinia)
let redirecting = false
configureHttp({
  csrfToken: () => auth.csrfToken,
  onError: showError,
  onUnauthorized: () => {
    const wasLoggedIn = auth.loggedIn
    auth.clear()
    const current = router.currentRoute.value
    if (current.meta.public || redirecting) return
    redirecting = true
    if (wasLoggedIn) ElMessage({ type: 'warning', message: i18n.global.t('errors.status401'), grouping: true })
    router
      .replace({ name: 'login', query: { redirect: current.fullPath } })
      .finally(() => {
        redirecting = false
      })
  },
})

app.use(router)
router.isReady().then(() => app.mount('#app'))
