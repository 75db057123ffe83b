import { Empty, List, Spin, Tag, Typography } from 'antd';
import type { SearchHit } from '../../../../shared/methods/search';
import { recordType } from '../../../../shared/books/index';
import { call } from '../../api';
import { go } from '../../router';
import { useApiData } from '../../useApiData';

/** The snippet with its matches highlighted. */
function Marked({ text, marks }: SearchHit['snippet']) {
  const out: React.ReactNode[] = [];
  let at = 0;
  [...marks].sort((a, b) => a[0] - b[0]).forEach(([s, e], i) => {
    if (s < at) return;
    out.push(text.slice(at, s), <mark key={i}>{text.slice(s, e)}</mark>);
    at = e;
  });
  out.push(text.slice(at));
  return <span>{out}</span>;
}

export function SearchPage({ text }: { text: string }) {
  const [result] = useApiData(() => call('search.query', { text, limit: 100 }), [text]);
  if (!text.trim()) return <Empty description="在上方搜索框中输入要找的内容：会议、人名、议题、拼音首字母均可" />;
  if (!result) return <Spin />;
  return (
    <>
      <div className="page-toolbar">
        <h2>搜索“{text}”</h2>
        <span className="muted">共找到 {result.total} 条（繁简体均可，人名可用拼音或首字母）</span>
      </div>
      {result.groups.length === 0 && <Empty description="没有找到" />}
      {result.groups.map((g) => (
        <section key={g.book} style={{ marginBottom: 24 }} aria-label={g.label}>
          <Typography.Title level={5}>
            {g.label} <Tag>{g.hits.length}</Tag>
          </Typography.Title>
          <List
            bordered
            size="small"
            style={{ background: '#fff' }}
            dataSource={g.hits}
            renderItem={(h) => (
              <List.Item
                style={{ cursor: 'pointer' }}
                onClick={() => go(h.kind === 'person' ? `/people?highlight=${h.id}` : `/records/${h.id}`)}
              >
                <List.Item.Meta
                  title={
                    <>
                      {h.kind === 'record' && <Tag>{recordType(h.type).label}</Tag>}
                      {h.title} {h.date && <span className="muted">{h.date}</span>}
                    </>
                  }
                  description={<Marked {...h.snippet} />}
                />
              </List.Item>
            )}
          />
        </section>
      ))}
    </>
  );
}
