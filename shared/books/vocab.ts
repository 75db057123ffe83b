/** Fixed vocabularies, kept as data. Field definitions refer to these lists. */

export const GENDERS = ['男', '女'] as const;
export const POLITICAL_STATUSES = ['中共党员', '中共预备党员', '共青团员', '群众', '其他'] as const;
export const COMMITTEE_ROLES = ['书记', '副书记', '组织委员', '宣传委员', '纪检委员', '委员'] as const;
export const ABSENCE_REASONS = ['公出', '病假', '事假', '在岗值班', '外出培训', '其他'] as const;
export const HALF_DAYS = ['上午', '下午'] as const;
export const RECORD_STATUSES = ['draft', 'final'] as const;
export const STATUS_LABELS = { draft: '草稿', final: '定稿' } as const;

export type PoliticalStatus = (typeof POLITICAL_STATUSES)[number];
export type RecordStatus = (typeof RECORD_STATUSES)[number];
export type CommitteeRole = (typeof COMMITTEE_ROLES)[number];
