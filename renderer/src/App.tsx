import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { App as AntApp, Button, Input, Layout, Menu, Result, Select, Spin, Typography } from 'antd';
import type { MenuProps } from 'antd';
import type { AppInfo } from '../../shared/methods/app';
import type { Branch } from '../../shared/methods/branch';
import { BOOK_TREE, isRecordType, recordType, typesOf, type BookId } from '../../shared/books/index';
import { call } from './api';
import { LedgerContext, type Ledger } from './context';
import { go, useRoute } from './router';
import { usePrintShortcut } from './printShortcut';
import { CONTENT_ID, scrollToTop } from './scroll';
import { useApiData } from './useApiData';
import { SetupPage } from './features/setup/SetupPage';
import { PeoplePage } from './features/people/PeoplePage';
import { RecordList } from './features/records/RecordList';
import { RecordForm } from './features/records/RecordForm';
import { RecordView } from './features/records/RecordView';
import { PrintPage } from './features/print/PrintPage';
import { TrashPage } from './features/trash/TrashPage';
import { SettingsPage } from './features/settings/SettingsPage';
import { SearchPage } from './features/search/SearchPage';
import { RulesPage } from './features/rules/RulesPage';
import { DevelopmentPage } from './features/development/DevelopmentPage';
import { DuesPage } from './features/dues/DuesPage';
import { ArchivePage } from './features/archive/ArchivePage';
import { YearPage } from './features/home/YearPage';
import { BackupPage } from './features/backup/BackupPage';
import { RecoveryPage } from './features/backup/RecoveryPage';
import { CalendarPage } from './features/calendar/CalendarPage';
import { RegisterPrintPage } from './features/registers/RegisterPrintPage';
import { REGISTER_KEYS, type RegisterKey } from '../../shared/archive/model';

const thisYear = new Date().getFullYear();
const YEARS = Array.from({ length: thisYear - 2010 + 2 }, (_, i) => thisYear + 1 - i);

/** Books → parts → record types, each type with its count for the year. */
function bookMenu(counts: Record<string, number>): MenuProps['items'] {
  return BOOK_TREE.map((b) => ({
    key: `book:${b.id}`,
    label: b.label,
    children: b.parts.map((p) => ({
      key: `part:${p.id}`,
      type: 'group' as const,
      label: p.label,
      children: typesOf(b.id, p.id).map((t) => ({
        key: `type:${t.id}`,
        label: (
          <span className="menu-type">
            {t.label}
            {counts[t.id] ? <span className="menu-count">{counts[t.id]}</span> : null}
          </span>
        ),
      })),
    })),
  }));
}

function Shell({ ledger }: { ledger: Ledger }) {
  const route = useRoute();
  usePrintShortcut(route);
  const [counts] = useApiData(() => call('records.counts', { year: ledger.year }), [ledger.year, route.path.join('/')]);
  const [section = 'year', second, third] = route.path;
  const type = route.query.get('type');
  const book = route.query.get('book') as BookId | null;

  const pageBook = type && isRecordType(type) ? recordType(type).book : book;
  const [openBook, setOpenBook] = useState<BookId | null>(pageBook ?? 'branch-general');
  useEffect(() => {
    if (pageBook) setOpenBook(pageBook);
  }, [pageBook]);
  // Each page opens at its top; a 发展党员 case opens in a drawer over the board, which keeps its place.
  const pageKey = section === 'development' ? section : `${route.path.join('/')}?${route.query.toString()}`;
  useLayoutEffect(scrollToTop, [pageKey]);

  if (section === 'print' && second === 'register' && third && REGISTER_KEYS.includes(route.path[3] as RegisterKey)) {
    return <RegisterPrintPage year={Number(third)} registerKey={route.path[3] as RegisterKey} />;
  }
  if (section === 'print' && second) return <PrintPage id={Number(second)} />;

  let page: React.ReactNode;
  let selected = section;
  if (section === 'records') {
    if (second === 'new' && type && isRecordType(type)) page = <RecordForm key={`new-${type}`} id={null} type={type} />;
    else if (second && third === 'edit') page = <RecordForm key={`edit-${second}`} id={Number(second)} type="" hold={route.query.get('hold') === '1'} />;
    else if (second && second !== 'new') page = <RecordView id={Number(second)} />;
    else {
      const t = type && isRecordType(type) ? type : null;
      selected = t ? `type:${t}` : `book:${book ?? 'branch-general'}`;
      page = <RecordList key={`${t}-${book}`} type={t} book={t ? null : (book ?? 'branch-general')} />;
    }
  } else if (section === 'people') page = <PeoplePage highlight={Number(route.query.get('highlight')) || null} />;
  else if (section === 'trash') page = <TrashPage />;
  else if (section === 'settings') page = <SettingsPage />;
  else if (section === 'rules') page = <RulesPage part={route.query.get('part')} />;
  else if (section === 'development') page = <DevelopmentPage />;
  else if (section === 'dues') page = <DuesPage />;
  else if (section === 'archive') page = <ArchivePage />;
  else if (section === 'year') page = <YearPage />;
  else if (section === 'backup') page = <BackupPage />;
  else if (section === 'calendar') page = <CalendarPage />;
  else if (section === 'search') page = <SearchPage key={route.query.get('q') ?? ''} text={route.query.get('q') ?? ''} />;
  else page = <Result status="404" title="没有这个页面" extra={<Button onClick={() => go('/records')}>回到记录本</Button>} />;

  return (
    <Layout className="app-shell">
      <Layout.Header className="app-header">
        <Typography.Text className="app-title">支部四本一档</Typography.Text>
        <Typography.Text className="app-branch" title={ledger.branch.name}>
          {ledger.branch.name}
        </Typography.Text>
        <Input.Search
          aria-label="搜索"
          className="app-search"
          placeholder="搜索记录和人员：任意文字、繁简体、人名拼音"
          allowClear
          defaultValue={route.query.get('q') ?? ''}
          onSearch={(v) => v.trim() && go(`/search?q=${encodeURIComponent(v.trim())}`)}
        />
        <span className="app-year">
          年度：
          <Select aria-label="年度" value={ledger.year} onChange={ledger.setYear} options={YEARS.map((y) => ({ value: y, label: `${y}年` }))} style={{ width: 110 }} />
        </span>
      </Layout.Header>
      <Layout className="app-body">
        <Layout.Sider width={248} theme="light" className="app-sider">
          <Menu
            mode="inline"
            selectedKeys={[selected]}
            openKeys={openBook ? [`book:${openBook}`] : []}
            onClick={({ key }) => {
              if (key.startsWith('type:')) go(`/records?type=${key.slice(5)}`);
              else go(`/${key}`);
            }}
            onOpenChange={(keys) => {
              // One book open at a time; opening a book shows its records.
              const opened = keys.find((k) => k !== `book:${openBook}`);
              setOpenBook(opened ? (opened.slice(5) as BookId) : null);
              if (opened) go(`/records?book=${opened.slice(5)}`);
            }}
            items={[
              ...(bookMenu(counts ?? {}) ?? []),
              { type: 'divider' },
              { key: 'year', label: '本年概览' },
              { key: 'calendar', label: '活动日历' },
              { key: 'people', label: '人员名册' },
              { key: 'development', label: '发展党员' },
              { key: 'dues', label: '党费收缴' },
              { key: 'archive', label: '年度归档' },
              { key: 'rules', label: '制度文本' },
              { key: 'trash', label: '回收站' },
              { key: 'backup', label: '数据备份' },
              { key: 'settings', label: '支部设置' },
            ]}
          />
        </Layout.Sider>
        <Layout.Content id={CONTENT_ID} className="app-content">
          {page}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

export function App() {
  const { message, modal } = AntApp.useApp();
  const noticeShown = useRef(false);
  const [branch, setBranch] = useState<Branch | null | undefined>(undefined);
  const [damage, setDamage] = useState<AppInfo['damage']>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [year, setYear] = useState(thisYear);

  const reloadBranch = useCallback(async () => {
    try {
      // A database found damaged at start: only restoring a backup is possible.
      const info = await call('app.info');
      // what start-up did that the user should know (a restore a crash interrupted, finished or undone): told once
      if (info.notice && !noticeShown.current) {
        noticeShown.current = true;
        modal.info({ title: '恢复备份', content: info.notice, okText: '知道了' });
      }
      setDamage(info.damage);
      setBranch(info.damage ? null : await call('branch.get'));
    } catch (e) {
      setFailure((e as Error).message);
    }
  }, [modal]);
  useEffect(() => void reloadBranch(), [reloadBranch]);

  const ledger = useMemo<Ledger | null>(() => (branch ? { branch, reloadBranch, year, setYear } : null), [branch, reloadBranch, year]);

  if (failure) return <Result status="error" title="无法读取数据" subTitle={failure} extra={<Button onClick={() => location.reload()}>重试</Button>} />;
  if (branch === undefined) return <Spin fullscreen description="正在打开…" />;
  if (damage) return <RecoveryPage damage={damage} />;
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
  return (
    <LedgerContext.Provider value={ledger}>
      <Shell ledger={ledger} />
    </LedgerContext.Provider>
  );
}
