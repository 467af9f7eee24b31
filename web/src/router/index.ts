import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { useAuthStore } from '@/stores/auth'
import { i18n } from '@/i18n'
import type { RoleCode } from '@/api/auth'
import { MENU } from './menu'

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean
    titleKey?: string
    /** Roles that may open a page outside the menu (the menu's own entries carry theirs). */
    roles?: readonly RoleCode[]
    /** The menu entry shown as active on a page outside the menu. */
    menu?: string
  }
}

const views: Record<string, () => Promise<unknown>> = {
  home: () => import('@/views/home/HomeView.vue'),
  account: () => import('@/views/accounts/AccountView.vue'),
  orgs: () => import('@/views/org/OrgsView.vue'),
  'unit-registrations': () => import('@/views/org/UnitRegistrationsView.vue'),
  'reviewer-designations': () => import('@/views/org/ReviewerDesignationsView.vue'),
  'unit-reviewer': () => import('@/views/org/UnitReviewerView.vue'),
  messages: () => import('@/views/messages/MessagesView.vue'),
  dossiers: () => import('@/views/dossier/DossiersView.vue'),
  'review-queue': () => import('@/views/review/ReviewQueueView.vue'),
  'dept-queue': () => import('@/views/review/DeptQueueView.vue'),
  'office-queue': () => import('@/views/office/OfficeQueueView.vue'),
  catalog: () => import('@/views/catalog/CatalogView.vue'),
  campaigns: () => import('@/views/campaign/CampaignsView.vue'),
  calendar: () => import('@/views/calendar/CalendarView.vue'),
  users: () => import('@/views/accounts/UsersView.vue'),
  audit: () => import('@/views/audit/AuditView.vue'),
  integrity: () => import('@/views/integrity/IntegrityView.vue'),
  'mail-outbox': () => import('@/views/mail/MailOutboxView.vue'),
  'delegations-sent': () => import('@/views/delegation/DelegationsView.vue'),
  'delegations-received': () => import('@/views/delegation/DelegationsView.vue'),
}

/** Props of the menu pages that share one view. */
const viewProps: Record<string, Record<string, unknown>> = {
  'delegations-sent': { direction: 'sent' },
  'delegations-received': { direction: 'received' },
}

const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/auth/LoginView.vue'),
    meta: { public: true, titleKey: 'login.title' },
  },
  {
    path: '/register/applicant',
    name: 'register-applicant',
    component: () => import('@/views/accounts/RegisterApplicantView.vue'),
    meta: { public: true, titleKey: 'register.applicantTitle' },
  },
  {
    path: '/register/unit',
    name: 'register-unit',
    component: () => import('@/views/org/RegisterUnitView.vue'),
    meta: { public: true, titleKey: 'register.unitTitle' },
  },
  {
    path: '/publicity/units/:id(\\d+)',
    name: 'unit-publicity',
    component: () => import('@/views/publicity/UnitPublicityView.vue'),
    meta: { public: true, titleKey: 'publicity.title' },
  },
  {
    path: '/publicity/campaigns/:id(\\d+)/initial',
    name: 'initial-publicity',
    component: () => import('@/views/publicity/CampaignListView.vue'),
    props: { kind: 'initial' },
    meta: { public: true, titleKey: 'publicList.initial.title' },
  },
  {
    path: '/publicity/campaigns/:id(\\d+)/committee-list',
    name: 'committee-list',
    component: () => import('@/views/publicity/CampaignListView.vue'),
    props: { kind: 'committee' },
    meta: { public: true, titleKey: 'publicList.committee.title' },
  },
  {
    path: '/dossiers/:id(\\d+)/print',
    name: 'dossier-print',
    component: () => import('@/views/dossier/DossierPrintView.vue'),
    meta: { titleKey: 'print.title' },
  },
  {
    path: '/',
    component: () => import('@/layouts/MainLayout.vue'),
    redirect: '/home',
    children: [
      ...MENU.map((m) => ({
        path: m.path.slice(1),
        name: m.name,
        component: views[m.name],
        props: viewProps[m.name] ?? false,
        meta: { titleKey: `menu.${m.name}` },
      })),
      {
        path: 'dossiers/:id(\\d+)',
        name: 'dossier',
        component: () => import('@/views/dossier/DossierEditorView.vue'),
        meta: { titleKey: 'dossier.title' },
      },
      {
        path: 'review/unit/dossiers/:id(\\d+)',
        name: 'unit-review',
        component: () => import('@/views/review/UnitReviewView.vue'),
        meta: { titleKey: 'review.title', roles: ['unit_reviewer'], menu: 'review-queue' },
      },
      {
        path: 'review/dept/dossiers/:id(\\d+)',
        name: 'dept-review',
        component: () => import('@/views/review/DeptReviewView.vue'),
        meta: { titleKey: 'dept.title', roles: ['dept_reviewer'], menu: 'dept-queue' },
      },
      {
        path: 'review/office/dossiers/:id(\\d+)',
        name: 'office-review',
        component: () => import('@/views/office/OfficeReviewView.vue'),
        meta: { titleKey: 'officeReview.title', roles: ['office'], menu: 'office-queue' },
      },
      {
        path: 'campaigns/:id(\\d+)/office',
        name: 'campaign-office',
        component: () => import('@/views/office/CampaignOfficeView.vue'),
        meta: { titleKey: 'campaignOffice.pageTitle', roles: ['office'], menu: 'campaigns' },
      },
    ],
  },
  { path: '/:pathMatch(.*)*', redirect: '/home' },
]

export const router = createRouter({
  history: createWebHistory(),
  routes,
})

router.beforeEach(async (to) => {
  const auth = useAuthStore()
  if (!auth.restored) await auth.restore()

  if (to.meta.public) {
    if (to.name === 'login' && auth.loggedIn) return { path: '/home' }
    return true
  }
  if (!auth.loggedIn) {
    return { name: 'login', query: to.fullPath && to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
  }
  if (auth.mustChangePassword && to.name !== 'account') {
    return { name: 'account', query: { redirect: to.fullPath } }
  }
  const item = MENU.find((m) => m.name === to.name)
  const roles = item ? item.roles : to.meta.roles
  if (roles && !auth.hasAnyRole(roles)) {
    return { name: 'home' }
  }
  return true
})

router.afterEach((to) => {
  const t = i18n.global.t
  const page = to.meta.titleKey ? t(to.meta.titleKey) : ''
  document.title = page ? `${page} - ${t('app.title')}` : t('app.title')
})

/** Only same-site paths are followed after login. */
export function safeRedirect(value: unknown): string {
  const s = typeof value === 'string' ? value : ''
  return s.startsWith('/') && !s.startsWith('//') && !s.startsWith('/login') ? s : '/home'
}
