import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { App } from './App';
import { LockGate } from './features/lock/LockGate';
import { UnsavedDialog } from './UnsavedDialog';
import './styles.css';

dayjs.locale('zh-cn');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} theme={{ token: { colorPrimary: '#c8102e', borderRadius: 4 } }}>
      <AntApp>
        <LockGate>
          <App />
        </LockGate>
        <UnsavedDialog />
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
