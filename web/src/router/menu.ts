import type { Component } from 'vue'
import {
  Bell,
  Calendar,
  DocumentChecked,
  Checked,
  Collection,
  Document,
  Finished,
  Flag,
  Promotion,
  Tickets,
  HomeFilled,
  OfficeBuilding,
  Stamp,
  User,
  UserFilled,
  Avatar,
  WarningFilled,
  Message,
  MessageBox,
  Share,
} from '@element-plus/icons-vue'
import type { RoleCode } from '@/api/auth'

export interface MenuItem {
  /** Route name; the menu entry has data-testid="menu-<name>" and title menu.<name>. */
  name: string
  path: string
  icon: Component
  /** null: everyone logged in. */
  roles: readonly RoleCode[] | null
}

export const MENU: readonly MenuItem[] = [
  { name: 'home', path: '/home', icon: HomeFilled, roles: null },
  { name: 'messages', path: '/messages', icon: Bell, roles: null },
  { name: 'account', path: '/account', icon: User, roles: null },
  { name: 'dossiers', path: '/dossiers', icon: Tickets, roles: ['applicant'] },
  { name: 'review-queue', path: '/review/unit', icon: DocumentChecked, roles: ['unit_reviewer'] },
  { name: 'dept-queue', path: '/review/dept', icon: Promotion, roles: ['dept_reviewer'] },
  { name: 'office-queue', path: '/review/office', icon: Finished, roles: ['office'] },
  { name: 'orgs', path: '/orgs', icon: OfficeBuilding, roles: ['office', 'sys_admin', 'dept_reviewer', 'committee_admin'] },
  { name: 'unit-registrations', path: '/unit-registrations', icon: Stamp, roles: ['office'] },
  { name: 'reviewer-designations', path: '/reviewer-designations', icon: Checked, roles: ['office'] },
  { name: 'unit-reviewer', path: '/unit/reviewer', icon: Avatar, roles: ['unit_admin'] },
  { name: 'catalog', path: '/catalog', icon: Collection, roles: ['office', 'sys_admin'] },
  { name: 'campaigns', path: '/campaigns', icon: Flag, roles: ['office'] },
  { name: 'calendar', path: '/calendar', icon: Calendar, roles: ['office', 'sys_admin'] },
  { name: 'integrity', path: '/integrity', icon: WarningFilled, roles: ['office'] },
  { name: 'delegations-sent', path: '/delegations/sent', icon: Share, roles: ['office'] },
  { name: 'delegations-received', path: '/delegations/received', icon: MessageBox, roles: ['committee_admin'] },
  { name: 'users', path: '/users', icon: UserFilled, roles: ['sec_admin'] },
  { name: 'audit', path: '/audit', icon: Document, roles: ['audit_admin'] },
  { name: 'mail-outbox', path: '/mail/outbox', icon: Message, roles: ['sys_admin'] },
]

/** Roles that may change the organisation tree (others see it read-only). */
export const ORG_EDITORS: readonly RoleCode[] = ['office', 'sys_admin']

/** Roles that may change series, requirement tables and checklists. */
export const CATALOG_EDITORS: readonly RoleCode[] = ['office', 'sys_admin']

/** Roles that read other people's dossiers (in their jurisdiction) and see the fraud signals. */
export const DOSSIER_REVIEWERS: readonly RoleCode[] = ['unit_reviewer', 'dept_reviewer', 'office']

export function menuFor(roles: ReadonlySet<RoleCode>): MenuItem[] {
  return MENU.filter((m) => m.roles === null || m.roles.some((r) => roles.has(r)))
}

export function menuItem(name: string): MenuItem | undefined {
  return MENU.find((m) => m.name === name)
}
