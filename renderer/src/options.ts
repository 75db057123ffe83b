/** A vocabulary as the options of an antd Select or AutoComplete: each value is its own label. */
export const options = (xs: readonly string[]) => xs.map((x) => ({ value: x, label: x }));
