import { useI18n } from 'vue-i18n'

/** Reasons the server writes for the record in English, by their fixed start, and the message that says them. */
const PREFIXES: [RegExp, string][] = [
  [/^second return: /, 'timeline.reasons.secondReturn'],
  [/^supplement: /, 'timeline.reasons.supplement'],
  [/^fraud: /, 'timeline.reasons.fraud'],
  [/^other: /, 'timeline.reasons.other'],
  [/^duplicate_year: /, 'timeline.reasons.duplicateYear'],
  [/^spot check: originals do not match$/, 'timeline.reasons.spotCheck'],
]

/**
 * A step's reason in the current language: the server's own words ("created", "2 problem(s)", "supplement: …") are
 * translated, what a person wrote after them is shown as written.
 */
export function useStepReason() {
  const { t } = useI18n()
  return (text: string): string => {
    if (text === 'created') return ''
    const problems = /^(\d+) problem\(s\)$/.exec(text)
    if (problems) return t('timeline.reasons.problems', { n: Number(problems[1]) })
    const correction = /^correction of (\w+): /.exec(text)
    if (correction)
      return t('timeline.reasons.correction', { section: t(`dossier.tabs.${correction[1]}`), text: text.slice(correction[0].length) })
    for (const [re, key] of PREFIXES) {
      const m = re.exec(text)
      if (m) return t(key, { text: text.slice(m[0].length) })
    }
    return text
  }
}
