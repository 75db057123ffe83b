/**
 * 谈心谈话（本年）: who has talked with whom among the year's members
 * (cadence.talks), as a square of names with the 支委 first. A cell with talks
 * opens the first of them; pairs of 支委 who have not talked yet are tinted,
 * since the 条例 asks for those by name. A reminder of who is still to talk,
 * never a score: no ranking, no red. Under it, the names in the year's talks
 * that nobody on the roster has, each with its record, so that a talk typed
 * with a wrong name is found rather than missed in silence.
 */
import { Button, Card, Empty, Spin, Tooltip, Typography } from 'antd';
import { Fragment } from 'react';
import type { TalkMatrix as Matrix, TalkMatrixMember, TalkRef } from '../../../../shared/rules/talks';
import { call } from '../../api';
import { useLedger } from '../../context';
import { useApiData } from '../../useApiData';

const NEW_TALK = '#/records/new?type=talk';

const pairKey = (x: number, y: number) => (x < y ? `${x}-${y}` : `${y}-${x}`);

/** One phrase of the summary, the names behind it on hover. */
function Phrase({ text, names }: { text: string; names: string[] }) {
  return (
    <Tooltip title={names.join('、')}>
      <span className="talk-phrase">{text}</span>
    </Tooltip>
  );
}

function Summary({ m }: { m: Matrix }) {
  const name = new Map(m.members.map((x) => [x.id, x.name]));
  const names = (ids: number[]) => ids.map((id) => name.get(id)!);
  const { committeePairs, withoutCommittee, withoutTalk } = m.missing;
  const phrases = [
    committeePairs.length > 0 && (
      <Phrase key="c" text={`支委之间尚有${committeePairs.length}对未谈话`} names={committeePairs.map((p) => `${name.get(p.a)!}与${name.get(p.b)!}`)} />
    ),
    withoutCommittee.length > 0 && <Phrase key="m" text={`${withoutCommittee.length}名党员尚未与支委谈话`} names={names(withoutCommittee)} />,
    withoutTalk.length > 0 && <Phrase key="t" text={`${withoutTalk.length}名党员本年未记录谈心谈话`} names={names(withoutTalk)} />,
  ].filter(Boolean);
  return (
    <Typography.Paragraph className="talk-summary">
      {phrases.length
        ? phrases.map((p, i) => (
            <Fragment key={i}>
              {i > 0 && '；'}
              {p}
            </Fragment>
          ))
        : '本年谈心谈话已覆盖全部党员和支委'}
      。
    </Typography.Paragraph>
  );
}

/** A row's header: name and role, and what is still open for them on hover. */
function RowHead({ m, committeeSize }: { m: TalkMatrixMember; committeeSize: number }) {
  const open = m.talks === 0 ? '本年尚未记录谈心谈话' : committeeSize > 0 && !m.withCommittee ? (m.role ? '尚未与每位支委谈话' : '尚未与支委谈话') : '';
  return (
    <th scope="row" className="talk-row-head" title={`${m.name}${m.role ? `（${m.role}）` : ''}：本年谈心谈话${m.talks}次${open ? `，${open}` : ''}`}>
      <span className="talk-name">{m.name}</span>
      {m.role && <span className="talk-role">{m.role}</span>}
    </th>
  );
}

interface CellProps {
  a: TalkMatrixMember;
  b: TalkMatrixMember;
  talks: TalkRef[] | undefined;
  missing: boolean;
  /** Extra classes (the committee block's edge). */
  edge: string;
}

function TalkCell({ a, b, talks, missing, edge }: CellProps) {
  const label = `${a.name}与${b.name}`;
  if (!talks) {
    return missing ? (
      <td className={`talk-cell talk-missing${edge}`} aria-label={`${label}：尚未谈话（支委之间）`} title={`${label}：支委之间尚未谈话`} />
    ) : (
      <td className={`talk-cell${edge}`} aria-label={`${label}：未谈话`} />
    );
  }
  return (
    <td className={`talk-cell talk-held${edge}`}>
      <Tooltip
        title={
          <>
            {label}：{talks.length}次
            <br />
            {talks.map((t) => t.date).join('、')}
          </>
        }
      >
        <a href={`#/records/${talks[0]!.id}`} aria-label={`${label}：${talks.length}次`}>
          {talks.length}
        </a>
      </Tooltip>
    </td>
  );
}

function Grid({ m }: { m: Matrix }) {
  const talks = new Map(m.pairs.map((p) => [pairKey(p.a, p.b), p.talks]));
  const missing = new Set(m.missing.committeePairs.map((p) => pairKey(p.a, p.b)));
  const committeeSize = m.members.filter((x) => x.role).length;
  /** The last 支委's row and column close the committee's block with a firmer line. */
  const closes = (i: number) => i === committeeSize - 1 && i < m.members.length - 1;
  const colEdge = (j: number) => (closes(j) ? ' talk-col-edge' : '');
  return (
    <div className="talk-scroll">
      <table className="talk-matrix" aria-label="谈心谈话矩阵">
        <thead>
          <tr>
            <th scope="col" className="talk-corner">
              姓名
            </th>
            {m.members.map((c, j) => (
              <th key={c.id} scope="col" className={`talk-col-head${colEdge(j)}`} title={`${c.name}${c.role ? `（${c.role}）` : ''}`}>
                <span className="talk-name">{c.name}</span>
                {c.role && <span className="talk-role">{c.role}</span>}
              </th>
            ))}
            <th scope="col" className="talk-total-head">
              合计
            </th>
          </tr>
        </thead>
        <tbody>
          {m.members.map((r, i) => (
            <tr key={r.id} className={closes(i) ? 'talk-row-edge' : undefined}>
              <RowHead m={r} committeeSize={committeeSize} />
              {m.members.map((c, j) =>
                i === j ? (
                  <td key={c.id} className={`talk-cell talk-self${colEdge(j)}`} aria-hidden="true" />
                ) : (
                  <TalkCell key={c.id} a={r} b={c} talks={talks.get(pairKey(r.id, c.id))} missing={missing.has(pairKey(r.id, c.id))} edge={colEdge(j)} />
                ),
              )}
              <td className="talk-total" aria-label={`${r.name}本年谈心谈话：${r.talks}次`}>
                {r.talks}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Names in the year's talks that nobody on the roster has: counted for nobody above, each linked to its record. */
function Unmatched({ m }: { m: Matrix }) {
  if (m.unmatched.length === 0) return null;
  return (
    <section className="talk-unmatched" aria-label="名册中没有的姓名">
      <Typography.Text type="warning">
        本年谈心谈话中有{m.unmatched.length}处姓名在人员名册中没有，未计入{m.members.length ? '上表' : '统计'}：
      </Typography.Text>
      <ul>
        {m.unmatched.map((u) => (
          <li key={`${u.recordId}-${u.field}-${u.name}`}>
            <a href={`#/records/${u.recordId}`}>{u.date} 谈心谈话</a>
            <span>
              {u.label}“{u.name}”
            </span>
          </li>
        ))}
      </ul>
      <div className="muted talk-note">请改为名册中的姓名，或在人员名册中补录此人；集体谈心填写的对象范围（如“钻井一班全体成员”）不在此列。</div>
    </section>
  );
}

export function TalkMatrix() {
  const { year } = useLedger();
  const [matrix] = useApiData(() => call('cadence.talks', { year }), [year]);
  return (
    <Card title="谈心谈话（本年）" style={{ marginTop: 16 }} extra={<Button href={NEW_TALK}>记录谈心谈话</Button>}>
      {!matrix ? (
        <Spin />
      ) : (
        <>
          {matrix.members.length === 0 ? (
            <Empty description="本年没有在册党员" />
          ) : (
            <>
              <Summary m={matrix} />
              <div className="muted talk-note">
                依据：{matrix.source}。按谈话人与谈话对象逐对统计，只计定稿记录（草稿视为计划）；格中数字为谈话次数，点击可查看记录。
                <span className="talk-legend talk-missing" aria-hidden="true" />
                支委之间尚未谈话
              </div>
              <Grid m={matrix} />
            </>
          )}
          <Unmatched m={matrix} />
        </>
      )}
    </Card>
  );
}
