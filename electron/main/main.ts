/**
 * Electron main process: lifecycle, one locked-down window, the app:// protocol,
 * and one IPC channel per contract method. Everything else lives in core/.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, screen, session, shell } from 'electron';
import { channelOf, METHOD_NAMES } from '../../shared/contract.js';
import { openCore, type Core } from '../core/app.js';
import { createElectronPrinter } from './pdf.js';
import { maybeGenerateDemo } from '../core/demo/index.js';
import { defaultDataDir, resolveDataDir } from '../core/datadir.js';
import { AppError } from '../core/errors.js';
import { servedFile } from '../host/static.js';
import { CSP } from '../../shared/csp.js';
import { APP_ENTRY, APP_HOST, APP_SCHEME } from './security.js';
import { ipcCall } from './ipc.js';
import { shellPaths } from './paths.js';
import { lockContents, lockSession } from './lockdown.js';
import { mainWindowPreferences } from './window-options.js';
import { placeWindow, readWindowPlace, saveWindowPlace, WINDOW_MIN } from './window-state.js';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

const paths = shellPaths({ bundleDir: __dirname, appPath: app.getAppPath(), resourcesPath: process.resourcesPath, packaged: app.isPackaged });
let core: Core | null = null;
let mainWindow: BrowserWindow | null = null;

function registerIpc(c: Core) {
  for (const method of METHOD_NAMES) {
    ipcMain.handle(channelOf(method), (event, input: unknown) => ipcCall(c.dispatch, event.senderFrame?.url ?? null, method, input));
  }
}

function createWindow() {
  const placeFile = path.join(app.getPath('userData'), 'window-place.json');
  const place = placeWindow(readWindowPlace(placeFile), screen.getAllDisplays().map((d) => d.workArea));
  const win = new BrowserWindow({
    ...(place.x !== undefined && place.y !== undefined ? { x: place.x, y: place.y } : {}),
    width: place.width,
    height: place.height,
    minWidth: WINDOW_MIN.width,
    minHeight: WINDOW_MIN.height,
    title: '支部四本一档',
    show: false,
    webPreferences: { ...mainWindowPreferences(app.isPackaged), preload: paths.preload },
  });
  mainWindow = win;
  // its size and place as the user left them (the normal bounds of a maximized window, and that it was)
  win.on('close', () => saveWindowPlace(placeFile, win.getNormalBounds(), win.isMaximized()));
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
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
  win.once('ready-to-show', () => {
    if (place.maximized) win.maximize();
    win.show();
  });
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

app.on('web-contents-created', (_e, contents) => lockContents(contents));

function start() {
  // the web host's default too: both shells find the same data (Electron's own profile, userData, stays apart)
  const dataDir = resolveDataDir(process.argv.slice(1), process.env, () => defaultDataDir());
  try {
    core = openCore({
      dataDir,
      version: app.getVersion(),
      nativeBinding: paths.nativeBinding,
      pdfPrinter: async () => createElectronPrinter(),
      archiveWorker: paths.archiveWorker,
      importWorker: paths.importWorker,
      ...(paths.texts ? { textsDir: paths.texts } : {}),
      autoBackup: true,
    });
  } catch (e) {
    dialog.showErrorBox('支部四本一档无法启动', e instanceof AppError ? e.message : String(e));
    app.exit(2);
    return;
  }
  // --demo: fill an empty data dir with the demo branch before the window opens (refused, with a message, when not empty)
  maybeGenerateDemo(core, process.argv.slice(1), (msg) => console.log(msg));
  lockSession(session.defaultSession);
  protocol.handle(APP_SCHEME, async (req) => {
    const u = new URL(req.url);
    // a regular file inside the renderer build once links are resolved, the web host's rule
    const file = u.host === APP_HOST ? servedFile(paths.renderer, u.pathname) : null;
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
}

// One app at a time (per Electron profile): starting it again, from the shortcut while it runs,
// brings the open window forward instead of a second app that would find its data in use.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
  void app.whenReady().then(start);
}

app.on('window-all-closed', () => app.quit());
// Quit waits for the closing backup (a few seconds at most), then closes the data.
app.on('will-quit', (e) => {
  if (!core) return;
  e.preventDefault();
  const closing = core;
  core = null;
  void closing.shutdown().finally(() => app.exit(0));
});
