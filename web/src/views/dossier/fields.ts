// What each section of the dossier holds: one spec per input, shared by the forms and the print view.
import { EDUCATIONS, LEVELS } from '@/api/catalog'
import type { SectionName } from '@/api/dossier'

export type FieldType = 'text' | 'textarea' | 'date' | 'number' | 'select' | 'switch'

export interface FieldSpec {
  /** Path inside the object, e.g. "current_title.name". */
  key: string
  /** i18n key of the label. */
  label: string
  type: FieldType
  required?: boolean
  /** Option values; labels are `${optionLabels}.${value}` in i18n. */
  options?: readonly string[]
  optionLabels?: string
  min?: number
  max?: number
  maxlength?: number
  /** Shown only when this returns true for the object. */
  when?: (entry: Record<string, unknown>) => boolean
  /** Extra client checks. */
  check?: 'chsi' | 'notBefore:from'
  /** Takes the whole row of the grid. */
  wide?: boolean
  hint?: string
  /** i18n key shown when empty (e.g. "to present" for an open period). */
  emptyText?: string
}

export interface ListSpec {
  /** Key of the array in the section data. */
  key: string
  /** Prefix of data-testid values: `${testid}-${index}-${field key}`. */
  testid: string
  title: string
  addLabel: string
  fields: FieldSpec[]
  /** A new, empty entry. */
  blank: () => Record<string, unknown>
}

export const EDUCATION_KINDS = ['regular', 'foreign', 'hmt', 'party_school', 'military', 'technical'] as const
export const RETIREMENT_GROUPS = ['male', 'female_55', 'female_50'] as const

export const BASIC_FIELDS: FieldSpec[] = [
  { key: 'current_title.name', label: 'basic.titleName', type: 'text', maxlength: 100 },
  { key: 'current_title.level', label: 'basic.titleLevel', type: 'select', options: LEVELS, optionLabels: 'levels' },
  { key: 'current_title.obtained_on', label: 'basic.titleObtained', type: 'date' },
  { key: 'current_title.certificate_no', label: 'basic.titleCertificate', type: 'text', maxlength: 100 },
  { key: 'appointed_on', label: 'basic.appointedOn', type: 'date' },
  { key: 'current_post', label: 'basic.currentPost', type: 'text', maxlength: 200 },
  { key: 'former_names', label: 'basic.formerNames', type: 'text', maxlength: 200 },
  { key: 'retirement_group', label: 'basic.retirementGroup', type: 'select', options: RETIREMENT_GROUPS, optionLabels: 'retirementGroups' },
  { key: 'social_insurance_months', label: 'basic.socialInsuranceMonths', type: 'number', min: 0, max: 600, hint: 'basic.socialInsuranceHint' },
]

export const BASIC_FLAGS: FieldSpec[] = [
  { key: 'non_established', label: 'basic.nonEstablished', type: 'switch' },
  { key: 'freelancer', label: 'basic.freelancer', type: 'switch' },
  { key: 'insured_elsewhere_last_6_months', label: 'basic.insuredElsewhere', type: 'switch', when: (e) => e.freelancer === true },
  { key: 'civil_servant', label: 'basic.civilServant', type: 'switch' },
  { key: 'civil_service_transition', label: 'basic.civilServiceTransition', type: 'switch' },
  { key: 'under_sanction', label: 'basic.underSanction', type: 'switch' },
  { key: 'under_investigation', label: 'basic.underInvestigation', type: 'switch' },
  { key: 'retirement_extension', label: 'basic.retirementExtension', type: 'switch' },
]

export function blankBasic(): Record<string, unknown> {
  return {
    former_names: '',
    current_post: '',
    non_established: false,
    freelancer: false,
    civil_servant: false,
    civil_service_transition: false,
    under_sanction: false,
    under_investigation: false,
    retirement_extension: false,
    social_insurance_months: null,
    insured_elsewhere_last_6_months: false,
    retirement_group: null,
    current_title: { name: '', level: null, obtained_on: null, certificate_no: '' },
    appointed_on: null,
  }
}

export const EDUCATION_LIST: ListSpec = {
  key: 'entries',
  testid: 'edu',
  title: 'educationForm.title',
  addLabel: 'educationForm.add',
  blank: () => ({ level: null, school: '', major: '', graduated_on: null, degree: '', kind: 'regular', chsi_code: '', certification_no: '' }),
  fields: [
    { key: 'level', label: 'educationForm.level', type: 'select', options: EDUCATIONS, optionLabels: 'educationLevels', required: true },
    { key: 'kind', label: 'educationForm.kind', type: 'select', options: EDUCATION_KINDS, optionLabels: 'educationKinds', required: true },
    { key: 'school', label: 'educationForm.school', type: 'text', required: true, maxlength: 200 },
    { key: 'major', label: 'educationForm.major', type: 'text', maxlength: 200 },
    { key: 'graduated_on', label: 'educationForm.graduatedOn', type: 'date', required: true },
    { key: 'degree', label: 'educationForm.degree', type: 'text', maxlength: 100 },
    {
      key: 'chsi_code',
      label: 'educationForm.chsiCode',
      type: 'text',
      required: true,
      maxlength: 12,
      check: 'chsi',
      hint: 'educationForm.chsiHint',
      when: (e) => e.kind === 'regular',
    },
    {
      key: 'certification_no',
      label: 'educationForm.certificationNo',
      type: 'text',
      required: true,
      maxlength: 100,
      hint: 'educationForm.certificationHint',
      when: (e) => e.kind === 'foreign' || e.kind === 'hmt',
    },
  ],
}

export const WORK_LIST: ListSpec = {
  key: 'entries',
  testid: 'work',
  title: 'work.title',
  addLabel: 'work.add',
  blank: () => ({ from: null, to: null, unit: '', post: '', professional: true }),
  fields: [
    { key: 'from', label: 'work.from', type: 'date', required: true },
    { key: 'to', label: 'work.to', type: 'date', check: 'notBefore:from', hint: 'work.toHint', emptyText: 'work.present' },
    { key: 'unit', label: 'work.unit', type: 'text', required: true, maxlength: 200 },
    { key: 'post', label: 'work.post', type: 'text', maxlength: 200 },
    { key: 'professional', label: 'work.professional', type: 'switch' },
  ],
}

export const CE_LIST: ListSpec = {
  key: 'years',
  testid: 'ce',
  title: 'ce.title',
  addLabel: 'ce.add',
  blank: () => ({ year: null, public_hours: null, professional_hours: null, certificate: '' }),
  fields: [
    { key: 'year', label: 'ce.year', type: 'number', required: true, min: 1980, max: 2100 },
    { key: 'public_hours', label: 'ce.publicHours', type: 'number', min: 0, max: 2000 },
    { key: 'professional_hours', label: 'ce.professionalHours', type: 'number', min: 0, max: 2000 },
    { key: 'certificate', label: 'ce.certificate', type: 'text', maxlength: 200 },
  ],
}

export const ACHIEVEMENT_LISTS: ListSpec[] = [
  {
    key: 'papers',
    testid: 'paper',
    title: 'achievements.papers',
    addLabel: 'achievements.addPaper',
    blank: () => ({ title: '', journal: '', issn: '', cn: '', published_on: null, author_rank: 1 }),
    fields: [
      { key: 'title', label: 'achievements.paperTitle', type: 'text', required: true, maxlength: 500, wide: true },
      { key: 'journal', label: 'achievements.journal', type: 'text', required: true, maxlength: 200 },
      { key: 'issn', label: 'achievements.issn', type: 'text', maxlength: 20 },
      { key: 'cn', label: 'achievements.cn', type: 'text', maxlength: 20 },
      { key: 'published_on', label: 'achievements.publishedOn', type: 'date', required: true },
      { key: 'author_rank', label: 'achievements.authorRank', type: 'number', required: true, min: 1, max: 100 },
    ],
  },
  {
    key: 'books',
    testid: 'book',
    title: 'achievements.books',
    addLabel: 'achievements.addBook',
    blank: () => ({ title: '', isbn: '', publisher: '', published_on: null, words_thousands: null, role: '' }),
    fields: [
      { key: 'title', label: 'achievements.bookTitle', type: 'text', required: true, maxlength: 500, wide: true },
      { key: 'isbn', label: 'achievements.isbn', type: 'text', required: true, maxlength: 20 },
      { key: 'publisher', label: 'achievements.publisher', type: 'text', maxlength: 200 },
      { key: 'published_on', label: 'achievements.publishedOn', type: 'date', required: true },
      { key: 'words_thousands', label: 'achievements.wordsThousands', type: 'number', min: 0, max: 100000 },
      { key: 'role', label: 'achievements.bookRole', type: 'text', maxlength: 100 },
    ],
  },
  {
    key: 'projects',
    testid: 'project',
    title: 'achievements.projects',
    addLabel: 'achievements.addProject',
    blank: () => ({ name: '', role: '', rank: null, from: null, to: null, accepted: false }),
    fields: [
      { key: 'name', label: 'achievements.projectName', type: 'text', required: true, maxlength: 500, wide: true },
      { key: 'role', label: 'achievements.projectRole', type: 'text', maxlength: 100 },
      { key: 'rank', label: 'achievements.rank', type: 'number', min: 1, max: 100 },
      { key: 'from', label: 'achievements.from', type: 'date', required: true },
      { key: 'to', label: 'achievements.to', type: 'date', check: 'notBefore:from' },
      { key: 'accepted', label: 'achievements.accepted', type: 'switch' },
    ],
  },
  {
    key: 'awards',
    testid: 'award',
    title: 'achievements.awards',
    addLabel: 'achievements.addAward',
    blank: () => ({ name: '', grade: '', rank: null, awarded_on: null }),
    fields: [
      { key: 'name', label: 'achievements.awardName', type: 'text', required: true, maxlength: 500, wide: true },
      { key: 'grade', label: 'achievements.grade', type: 'text', maxlength: 100 },
      { key: 'rank', label: 'achievements.rank', type: 'number', min: 1, max: 100 },
      { key: 'awarded_on', label: 'achievements.awardedOn', type: 'date', required: true },
    ],
  },
  {
    key: 'other',
    testid: 'other',
    title: 'achievements.other',
    addLabel: 'achievements.addOther',
    blank: () => ({ description: '' }),
    fields: [{ key: 'description', label: 'achievements.description', type: 'textarea', required: true, maxlength: 2000, wide: true }],
  },
]

export const ROUTE_FIELDS: FieldSpec[] = [
  {
    key: 'justification',
    label: 'route.justification',
    type: 'textarea',
    maxlength: 5000,
    wide: true,
    hint: 'route.justificationHint',
  },
  { key: 'previous_title', label: 'route.previousTitle', type: 'text', maxlength: 200 },
  { key: 'previous_issuer', label: 'route.previousIssuer', type: 'text', maxlength: 200 },
]

export function getPath(obj: Record<string, unknown>, path: string): unknown {
  let cur: unknown = obj
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<string, unknown>)[part]
  }
  return cur
}

export function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.')
  let cur = obj
  for (const part of parts.slice(0, -1)) {
    if (cur[part] === null || typeof cur[part] !== 'object') cur[part] = {}
    cur = cur[part] as Record<string, unknown>
  }
  cur[parts[parts.length - 1]] = value
}

/** Fills the blanks of `data` from `defaults` (deeply for plain objects) without dropping anything. */
export function withDefaults(data: Record<string, unknown>, defaults: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...defaults, ...data }
  for (const [k, v] of Object.entries(defaults)) {
    const d = data[k]
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      out[k] = withDefaults(d && typeof d === 'object' && !Array.isArray(d) ? (d as Record<string, unknown>) : {}, v as Record<string, unknown>)
    } else if (d === undefined) {
      out[k] = v
    }
  }
  return out
}

/** The JSON sent to the server: empty strings become null (the API treats both as "not given"). */
export function cleanForSave(value: unknown): unknown {
  if (value === '' || value === undefined) return null
  if (Array.isArray(value)) return value.map(cleanForSave)
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = cleanForSave(v)
    return out
  }
  return value
}

/** Server field names ("entries[0].chsi_code") as el-form props ("entries.0.chsi_code"). */
export function fieldProp(serverField: string): string {
  return serverField.replace(/\[(\d+)\]/g, '.$1')
}

const listDefaults = (keys: string[]) => () => Object.fromEntries(keys.map((k) => [k, []]))

/** The empty content of each section (what a form shows before anything was saved). */
export const SECTION_DEFAULTS: Record<SectionName, () => Record<string, unknown>> = {
  basic: blankBasic,
  education: listDefaults(['entries']),
  work: listDefaults(['entries']),
  continuing_education: listDefaults(['years']),
  achievements: listDefaults(ACHIEVEMENT_LISTS.map((l) => l.key)),
  route: () => ({ justification: '', previous_title: '', previous_issuer: '' }),
}
