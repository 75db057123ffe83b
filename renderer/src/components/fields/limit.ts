/**
 * A text box's limit shown as it fills (never a silent cut): the count appears
 * from 70% of the limit and turns red past it, where the form's check refuses
 * the value with the limit named.
 */
export function lengthLimit(max: number) {
  return { count: { max, show: ({ count }: { count: number }) => (count >= max * 0.7 ? `${count} / ${max}` : null) } };
}
