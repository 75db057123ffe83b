// The Debian packages the tests need, checked by what they provide, and installed with apt
// when missing and running as root; otherwise the exact command is printed.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

const NEEDS = [
  { pkg: 'chromium', ok: () => fs.existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'), why: '端到端测试的浏览器' },
  { pkg: 'fonts-noto-cjk', ok: () => hasCjkFont(), why: '中文字体（截图与 PDF）' },
  { pkg: 'libreoffice-writer-nogui', ok: () => onPath('soffice'), why: '把导出的 Word 渲染为 PDF 检查版面' },
  { pkg: 'python3-uno', ok: () => hasUno(), why: '用 scripts/docx2pdf.py 更新域（页码引用）后渲染 Word 卷册' },
  { pkg: 'libreoffice-calc-nogui', ok: () => hasCalc(), why: '把导出的 Excel 渲染为 PDF 检查版面' },
  { pkg: 'poppler-utils', ok: () => onPath('pdftotext') && onPath('pdfinfo'), why: '读取 PDF 的文字与页数' },
];

function onPath(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}
/** The Python-UNO bridge of the system Python (scripts/docx2pdf.py drives LibreOffice with it). */
function hasUno() {
  return spawnSync('/usr/bin/python3', ['-c', 'import uno'], { stdio: 'ignore' }).status === 0;
}
/** Calc's spreadsheet filters (libreoffice-calc-nogui) let soffice open .xlsx. */
function hasCalc() {
  return fs.existsSync('/usr/lib/libreoffice/program/libscfiltlo.so');
}
function hasCjkFont() {
  try {
    return execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).trim().length > 0;
  } catch {
    return false;
  }
}

export function ensureSystemDeps() {
  const missing = NEEDS.filter((n) => !n.ok());
  if (missing.length === 0) return true;
  const pkgs = missing.map((m) => m.pkg);
  const cmd = `apt-get update && apt-get install -y --no-install-recommends ${pkgs.join(' ')}`;
  for (const m of missing) console.log(`缺少 ${m.pkg}：${m.why}`);
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !onPath('apt-get')) {
    console.log(`请先安装系统软件包，然后重新运行 npm test：\n  sudo sh -c '${cmd}'`);
    return false;
  }
  console.log(`正在安装：${pkgs.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const r = spawnSync('sh', ['-c', cmd], { stdio: 'inherit', env });
  if (r.status !== 0 || NEEDS.some((n) => !n.ok())) {
    console.log(`安装失败，请手动运行：\n  ${cmd}`);
    return false;
  }
  return true;
}
