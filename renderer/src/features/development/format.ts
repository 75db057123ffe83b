/** How the 发展党员 page words steps, due dates and warnings. */
import type { NextStep, WarningLevel } from '../../../../shared/rules/development';
import { circled } from '../../../../shared/rules/development';

export const stepLabel = (n: number, name: string) => `${circled(n)}${name}`;

/** 2025-04-01前 / 2025-04-01起 / 2025-04-01预备期满 */
export function dueText(next: NextStep): string {
  if (!next.due) return '';
  switch (next.dueKind) {
    case 'by':
      return `${next.due}前`;
    case 'from':
      return `${next.due}起`;
    case 'on':
      return `${next.due}预备期满`;
    default:
      return next.due;
  }
}

export const ALERT_TYPE: Record<WarningLevel, 'error' | 'warning' | 'info'> = { error: 'error', warning: 'warning', info: 'info' };
export const LEVEL_COLOR: Record<WarningLevel, string> = { error: '#cf1322', warning: '#d48806', info: '#1677ff' };

export const STAGE_NUMERALS = ['一', '二', '三', '四', '五'] as const;
