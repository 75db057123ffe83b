import { useCallback, useEffect, useMemo, useState } from 'react';
import { App as AntApp, Button, Layout, Menu, Result, Select, Spin, Typography } from 'antd';
import type { Branch } from '../../shared/contract';
import { BOOKS, MEETING_TYPES } from '../../shared/books/meetings';
import { call } from './api';
import { LedgerContext, type Ledger } from './context';
import { go, useRoute } from './router';
import { SetupPage } from './features/setup/SetupPage';
import { PeoplePage } from './features/people/PeoplePage';
import { MeetingList } from './features/meetings/MeetingList';
import { MeetingForm } from './features/meetings/MeetingForm';
import { MeetingView } from './features/meetings/MeetingView';
import { PrintPage } from './features/print/PrintPage';
import { TrashPage } from './features/trash/TrashPage';
import { SettingsPage } from './features/settings/SettingsPage';

const thisYear = new Date().getFullYear();
const YEARS = Array.from({ length: thisYear - 2010 + 2 }, (_, i) => thisYear + 1 - i);

export function App() {
  const { message } = AntApp.useApp();
  const [branch, setBranch] = useState<Branch | null | undefined>(undefined);
  const [failure, setFailure] = useState<string | null>(null);
  const [year, setYear] = useState(thisYear);
  const route = useRoute();

  const reloadBranch = useCallback(async () => {
    try {
      setBranch(await call('branch.get'));
    } catch (e) {
      setFailure((e as Error).message);
    }
  }, []);
  useEffect(() => void reloadBranch(), [reloadBranch]);

  const ledger = useMemo<Ledger | null>(() => (branch ? { branch, reloadBranch, year, setYear } : null), [branch, reloadBranch, year]);

  if (failure) return <Result status="error" title="无法读取数据" subTitle={failure} extra={<Button onClick={() => location.reload()}>重试</Button>} />;
  if (branch === undefined) return <Spin fullscreen tip="正在打开…" />;
  if (branch === null || !ledger) {
    return (
      <SetupPage
        onDone={async () => {
          await reloadBranch();
          message.success('支部已建立，下一步请录入人员名册');
          go('/people');
        }}
      />
    );
  }

  const [section = 'meetings', second, third] = route.path;
  if (section === 'print' && second) {
    return (
      <LedgerContext.Provider value={ledger}>
        <PrintPage id={Number(second)} />
      </LedgerContext.Provider>
    );
  }

  let page: React.ReactNode;
  let selected = section;
  if (section === 'meetings') {
    const type = route.query.get('type');
    selected = type ? `meetings:${type}` : 'meetings:all';
    if (second === 'new') page = <MeetingForm key={`new-${type}`} id={null} initialType={type} />;
    else if (second && third === 'edit') page = <MeetingForm key={`edit-${second}`} id={Number(second)} initialType={null} />;
    else if (second) page = <MeetingView id={Number(second)} />;
    else page = <MeetingList type={type} />;
  } else if (section === 'people') page = <PeoplePage />;
  else if (section === 'trash') page = <TrashPage />;
  else if (section === 'settings') page = <SettingsPage />;
  else page = <Result status="404" title="没有这个页面" extra={<Button onClick={() => go('/meetings')}>回到三会一课</Button>} />;

  return (
    <LedgerContext.Provider value={ledger}>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Header className="app-header">
          <Typography.Text className="app-title">支部四本一档</Typography.Text>
          <Typography.Text className="app-branch">{branch.name}</Typography.Text>
          <span className="app-year">
            年度：
            <Select
              aria-label="年度"
              value={year}
              onChange={setYear}
              options={YEARS.map((y) => ({ value: y, label: `${y}年` }))}
              style={{ width: 110 }}
            />
          </span>
        </Layout.Header>
        <Layout>
          <Layout.Sider width={208} theme="light" className="app-sider">
            <Menu
              mode="inline"
              selectedKeys={[selected]}
              defaultOpenKeys={['book-general']}
              onClick={({ key }) => {
                if (key.startsWith('meetings:')) {
                  const t = key.slice('meetings:'.length);
                  go(t === 'all' ? '/meetings' : `/meetings?type=${t}`);
                } else go(`/${key}`);
              }}
              items={[
                {
                  key: 'book-general',
                  label: BOOKS['branch-general'],
                  children: [
                    { key: 'meetings:all', label: '三会一课（全部）' },
                    ...MEETING_TYPES.map((t) => ({ key: `meetings:${t.id}`, label: t.label })),
                  ],
                },
                { key: 'people', label: '人员名册' },
                { key: 'trash', label: '回收站' },
                { key: 'settings', label: '支部设置' },
              ]}
            />
          </Layout.Sider>
          <Layout.Content className="app-content">{page}</Layout.Content>
        </Layout>
      </Layout>
    </LedgerContext.Provider>
  );
}
