import type { InputOf, MethodName, OutputOf } from './contract.js';
import type { Result } from './result.js';

/** The shape of window.api (Electron preload) and of the web host client alike. */
export type WindowApi = {
  readonly [M in MethodName]: (input?: InputOf<M>) => Promise<Result<OutputOf<M>>>;
};
