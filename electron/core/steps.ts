/**
 * The step boundaries of multi-step file operations (restore, backup file,
 * year export, seal, attachment add, 全部保存到…), named where they are: the
 * code calls `fileStep(op, step)` between its steps. It does nothing unless a
 * kill test's child process has installed a hook (`onFileStep`), which reports
 * each step and may stand still there to be killed: a fault-injection point of
 * the code's own, the same in every operation.
 *
 * When adding a multi-step file operation: call fileStep at each boundary where
 * a crash leaves a different state on disk, and add it to the kill tests.
 */
export type FileStepHook = (op: string, step: string) => void;

let hook: FileStepHook | null = null;

/** For kill tests only: called at every step boundary of every file operation. */
export function onFileStep(h: FileStepHook | null): void {
  hook = h;
}

export function fileStep(op: string, step: string): void {
  hook?.(op, step);
}
