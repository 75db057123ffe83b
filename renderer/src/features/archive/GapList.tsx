/**
 * The gaps of a year before it is archived (completeness.check), grouped by
 * obligation with their counts. Each gap links to where it is fixed: a new
 * record of the missing type, the record to finish, or the 党费 ledger.
 * Gaps do not block archiving; they are written into the 卷内备考表.
 */
import { Collapse, Empty, List, Tag, Typography } from 'antd';
import type { Gap } from '../../../../shared/archive/model';

export interface GapGroup {
  label: string;
  gaps: Gap[];
  /** The distinct sources of the group's gaps, in first-seen order. */
  sources: string[];
}

/** Gaps grouped by label, groups in the order their first gap came (the check's order). */
export function groupGaps(gaps: readonly Gap[]): GapGroup[] {
  const groups = new Map<string, GapGroup>();
  for (const g of gaps) {
    let group = groups.get(g.label);
    if (!group) {
      group = { label: g.label, gaps: [], sources: [] };
      groups.set(g.label, group);
    }
    group.gaps.push(g);
    if (!group.sources.includes(g.source)) group.sources.push(g.source);
  }
  return [...groups.values()];
}

/** What the count line adds after 点击各项可前往补录或修改 (the archive wizard says what happens to gaps left). */
const ARCHIVE_HINT = '；也可不补，继续归档，缺项将写入卷内备考表。';

export function GapList({ gaps, hint = ARCHIVE_HINT }: { gaps: Gap[]; hint?: string }) {
  if (gaps.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未发现缺项" />;
  }
  const groups = groupGaps(gaps);
  return (
    <div className="gap-list">
      <Typography.Paragraph type="secondary">
        共{gaps.length}项缺项，分{groups.length}类。点击各项可前往补录或修改{hint}
      </Typography.Paragraph>
      <Collapse
        defaultActiveKey={groups.length <= 3 ? groups.map((g) => g.label) : [groups[0]!.label]}
        items={groups.map((group) => ({
          key: group.label,
          label: (
            <span>
              {group.label}
              <Tag color="orange" style={{ marginLeft: 8 }}>
                {group.gaps.length}项
              </Tag>
            </span>
          ),
          children: (
            <>
              <List<Gap>
                size="small"
                dataSource={group.gaps}
                renderItem={(gap) => (
                  <List.Item>
                    <a href={`#${gap.link}`}>{gap.message}</a>
                  </List.Item>
                )}
              />
              <div className="muted" style={{ marginTop: 4 }}>
                依据：{group.sources.join('；')}
              </div>
            </>
          ),
        }))}
      />
    </div>
  );
}
