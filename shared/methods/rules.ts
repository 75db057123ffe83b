/** The branch's regulation texts (制度), shipped and as edited. */
import { z } from 'zod';
import { method, noInput } from './method.js';

export interface RuleText {
  id: string;
  title: string;
  body: string;
  /** Whether the branch has edited the shipped text. */
  edited: boolean;
}

export const RULES_METHODS = {
  'rules.list': method<RuleText[]>()(noInput),
  'rules.update': method<RuleText>()(
    z.strictObject({ id: z.string().max(60), body: z.string().trim().min(1, '制度内容不能为空').max(100000, '制度内容过长') }),
  ),
  /** Go back to the shipped text. */
  'rules.reset': method<RuleText>()(z.strictObject({ id: z.string().max(60) })),
} as const;
