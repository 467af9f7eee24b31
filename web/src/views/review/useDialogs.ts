import { computed, ref, type WritableComputedRef } from 'vue'

/** One dialog of a page open at a time, by name; `model(name).value` is the v-model of that dialog. */
export function useDialogs<N extends string>() {
  const open = ref<N | ''>('')
  const models = new Map<N, WritableComputedRef<boolean>>()
  function model(name: N): WritableComputedRef<boolean> {
    let m = models.get(name)
    if (!m) {
      m = computed({ get: () => open.value === name, set: (x: boolean) => (open.value = x ? name : '') })
      models.set(name, m)
    }
    return m
  }
  const close = (done: boolean) => {
    if (done) open.value = ''
  }
  return { open, model, close }
}
