/**
 * Electron main process: lifecycle, one locked-down window, the app:// protocol,
 * and one IPC channel per contract method. Everything else lives in core/.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, session, shell } from 'electron';
import { channelOf, METHOD_NAMES } from '../../shared/contract.js';
import { openCore, type Core } from '../core/app.js';
import { createElectronPrinter } from './pdf.js';
import { maybeGenerateDemo } from '../core/demo/index.js';
import { resolveDataDir } from '../core/datadir.js';
import { AppError } from '../core/errors.js';
import { staticPath } from '../host/server.js';
import { CSP } from '../../shared/csp.js';
import { APP_ENTRY, APP_HOST, APP_SCHEME } from './security.js';
import { ipcCall } from './ipc.js';
import { MAIN_WINDOW_PREFERENCES, navigationAllowed, windowOpenAction } from './window-options.js';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

const rendererDir = path.join(__dirname, '..', 'renderer');
let core: Core | null = null;

function nativeBinding(): string {
  return app.isPackaged
    ? path.join(process.resourcesPath, 'native', 'better_sqlite3.node')
    : path.join(app.getAppPath(), '.cache', 'electron-native', 'better_sqlite3.node');
}

function registerIpc(c: Core) {
  for (const method of METHOD_NAMES) {
    ipcMain.handle(channelOf(method), (event, input: unknown) => ipcCall(c.dispatch, event.senderFrame?.url ?? null, method, input));
  }
}

function createWindow() {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 960,
    minHeight: 640,
    title: '支部四本一档',
    show: false,
    webPreferences: { ...MAIN_WINDOW_PREFERENCES, preload: path.join(__dirname, 'preload.cjs') },
  });
  win.webContents.on('will-navigate', (e, url) => {
    if (!navigationAllowed(url)) e.preventDefault();
  });
  win.webContents.on('will-attach-webview', (e) => e.preventDefault());
  // A form with unsaved changes refuses to unload (renderer/src/UnsavedDialog.tsx): closing or reloading asks here.
  win.webContents.on('will-prevent-unload', (e) => {
    const choice = dialog.showMessageBoxSync(win, {
      type: 'question',
      title: '有未保存的修改',
      message: '有未保存的修改，关闭后将丢失。',
      detail: '要保存，请选“继续编辑”，然后按 Ctrl+S 或点“保存”。',
      buttons: ['放弃修改并关闭', '继续编辑'],
      defaultId: 1,
      cancelId: 1,
    });
    // preventDefault here lets the page unload after all.
    if (choice === 0) e.preventDefault();
  });
  // As for every web contents (below): replacing that handler with a plain deny here kept the PDF viewer from opening.
  win.webContents.setWindowOpenHandler(({ url }) => windowOpenAction(url));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY);
}

function buildMenu() {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      { label: '文件', submenu: [{ role: 'quit', label: '退出' }] },
      {
        label: '编辑',
        submenu: [
          { role: 'undo', label: '撤销' },
          { role: 'redo', label: '重做' },
          { type: 'separator' },
          { role: 'cut', label: '剪切' },
          { role: 'copy', label: '复制' },
          { role: 'paste', label: '粘贴' },
          { role: 'selectAll', label: '全选' },
        ],
      },
      {
        label: '视图',
        submenu: [
          { role: 'reload', label: '刷新' },
          { role: 'resetZoom', label: '实际大小' },
          { role: 'zoomIn', label: '放大' },
          { role: 'zoomOut', label: '缩小' },
          { role: 'togglefullscreen', label: '全屏' },
        ],
      },
      {
        label: '帮助',
        submenu: [
          {
            label: '打开数据目录',
            click: () => core && void shell.openPath(core.dataDir),
          },
          {
            label: '关于',
            click: () =>
              void dialog.showMessageBox({ title: '关于', message: `支部四本一档 ${app.getVersion()}`, detail: core ? `数据目录：${core.dataDir}` : '' }),
          },
        ],
      },
    ]),
  );
}

app.on('web-contents-created', (_e, contents) => {
  contents.on('will-navigate', (e, url) => {
    if (!navigationAllowed(url)) e.preventDefault();
  });
  // Only a PDF made by our own page (an archive volume to print) opens, in a sandboxed viewer window.
  contents.setWindowOpenHandler(({ url }) => windowOpenAction(url));
});

app.whenReady().then(() => {
  const dataDir = resolveDataDir(process.argv.slice(1), process.env, () => app.getPath('userData'));
  try {
    core = openCore({
      dataDir,
      version: app.getVersion(),
      nativeBinding: nativeBinding(),
      pdfPrinter: async () => createElectronPrinter(),
      // unpacked from app.asar by electron-builder (asarUnpack): a worker thread loads a real file
      archiveWorker: path.join(__dirname, 'archive-worker.cjs').replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`),
      importWorker: path.join(__dirname, 'import-worker.cjs').replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`),
      ...(app.isPackaged ? { textsDir: path.join(process.resourcesPath, 'texts') } : {}),
      autoBackup: true,
    });
  } catch (e) {
    dialog.showErrorBox('支部四本一档无法启动', e instanceof AppError ? e.message : String(e));
    app.exit(2);
    return;
  }
  // --demo: fill an empty data dir with the demo branch before the window opens (refused, with a message, when not empty)
  maybeGenerateDemo(core, process.argv.slice(1), (msg) => console.log(msg));
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
  protocol.handle(APP_SCHEME, async (req) => {
    const u = new URL(req.url);
    const file = u.host === APP_HOST ? staticPath(rendererDir, u.pathname) : null;
    if (!file) return new Response('未找到', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', CSP);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(res.body, { status: res.status, headers });
  });
  registerIpc(core);
  buildMenu();
  createWindow();
});

app.on('window-all-closed', () => app.quit());
// Quit waits for the closing backup (a few seconds at most), then closes the data.
app.on('will-quit', (e) => {
  if (!core) return;
  e.preventDefault();
  const closing = core;
  core = null;
  void closing.shutdown().finally(() => app.exit(0));
});
