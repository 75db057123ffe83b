/**
 * Windows drives by letter (electron/core/backup/drives.ts): what PowerShell's
 * Get-CimInstance Win32_LogicalDisk says, read back from sample outputs as a
 * Chinese office PC gives them (labels with spaces and 汉字, none at all, a CD
 * drive, an empty card reader, a 移动硬盘, a network drive), in every encoding
 * the pipe may carry; and the fallback to looking at each letter when
 * PowerShell cannot be run. PowerShell itself is not on this machine: the
 * script's output is taken as Windows PowerShell 5.1 writes it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { destinations } from '../../electron/core/backup/backup.js';
import { decodeOutput, DRIVES_SCRIPT, driveDestinations, parseLogicalDisks, powershellPath, runDrivesScript, windowsDrives, type LogicalDisk } from '../../electron/core/backup/drives.js';
import { useTempDir } from '../fixtures/tmp.js';

/** ConvertTo-Json -Compress of the script's Select-Object, non-ASCII escaped as the script does. */
const OFFICE_PC = String.raw`[{"DeviceID":"C:","DriveType":3,"VolumeName":"Windows","Size":255465615360,"ProviderName":null,"Usb":false},{"DeviceID":"D:","DriveType":3,"VolumeName":"\u6570\u636e","Size":744545001472,"ProviderName":null,"Usb":false},{"DeviceID":"E:","DriveType":5,"VolumeName":null,"Size":null,"ProviderName":null,"Usb":false},{"DeviceID":"F:","DriveType":2,"VolumeName":"\u5de5\u4f5c \u8d44\u6599","Size":31914983424,"ProviderName":null,"Usb":true},{"DeviceID":"G:","DriveType":2,"VolumeName":"","Size":15728640000,"ProviderName":null,"Usb":true},{"DeviceID":"H:","DriveType":2,"VolumeName":null,"Size":null,"ProviderName":null,"Usb":false},{"DeviceID":"I:","DriveType":3,"VolumeName":"\u6211\u7684\u79fb\u52a8\u786c\u76d8","Size":1000169533440,"ProviderName":null,"Usb":true},{"DeviceID":"R:","DriveType":6,"VolumeName":"RAMDISK","Size":4294967296,"ProviderName":null,"Usb":false},{"DeviceID":"Y:","DriveType":4,"VolumeName":null,"Size":null,"ProviderName":"\\\\oldserver\\\u5907\u4efd","Usb":false},{"DeviceID":"Z:","DriveType":4,"VolumeName":"\u5171\u4eab","Size":4000787030016,"ProviderName":"\\\\fileserver\\\u515a\u5efa\u8d44\u6599","Usb":false}]`;

const disk = (letter: string, type: number, o: Partial<LogicalDisk> = {}): LogicalDisk => ({ letter, type, label: '', size: 1 << 30, provider: '', usb: false, ...o });

describe('parseLogicalDisks', () => {
  it('reads every drive of an office PC, labels with 汉字 and spaces unescaped', () => {
    expect(parseLogicalDisks(OFFICE_PC)).toEqual([
      { letter: 'C:', type: 3, label: 'Windows', size: 255465615360, provider: '', usb: false },
      { letter: 'D:', type: 3, label: '数据', size: 744545001472, provider: '', usb: false },
      { letter: 'E:', type: 5, label: '', size: null, provider: '', usb: false },
      { letter: 'F:', type: 2, label: '工作 资料', size: 31914983424, provider: '', usb: true },
      { letter: 'G:', type: 2, label: '', size: 15728640000, provider: '', usb: true },
      { letter: 'H:', type: 2, label: '', size: null, provider: '', usb: false },
      { letter: 'I:', type: 3, label: '我的移动硬盘', size: 1000169533440, provider: '', usb: true },
      { letter: 'R:', type: 6, label: 'RAMDISK', size: 4294967296, provider: '', usb: false },
      { letter: 'Y:', type: 4, label: '', size: null, provider: '\\\\oldserver\\备份', usb: false },
      { letter: 'Z:', type: 4, label: '共享', size: 4000787030016, provider: '\\\\fileserver\\党建资料', usb: false },
    ]);
  });

  it('reads a single drive written without the brackets, and raw UTF-8 labels', () => {
    expect(parseLogicalDisks('{"DeviceID":"e:","DriveType":2,"VolumeName":"U盘 2024","Size":"8004304896","ProviderName":"","Usb":true}')).toEqual([
      { letter: 'E:', type: 2, label: 'U盘 2024', size: 8004304896, provider: '', usb: true },
    ]);
  });

  it('passes over what comes before and after the JSON, a BOM, and CRLFs inside it', () => {
    const noisy = `\ufeffWindows PowerShell\r\n版权所有 (C) Microsoft Corporation。\r\n\r\n[{"DeviceID":"C:","DriveType":3,\r\n"VolumeName":"","Size":1,"ProviderName":null,"Usb":false}]\r\n`;
    expect(parseLogicalDisks(noisy).map((d) => d.letter)).toEqual(['C:']);
  });

  it('an empty list is no drive; entries without a drive letter, and a letter twice, are left out', () => {
    expect(parseLogicalDisks('[]')).toEqual([]);
    const odd = '[{"DeviceID":"C:","DriveType":3},{"DeviceID":"\\\\\\\\?\\\\Volume{1}","DriveType":3},{"DriveType":2},null,"x",{"DeviceID":"c:","DriveType":2},{"DeviceID":"AB:","DriveType":2}]';
    expect(parseLogicalDisks(odd)).toEqual([{ letter: 'C:', type: 3, label: '', size: null, provider: '', usb: false }]);
  });

  it.each([[''], ['Get-CimInstance : 拒绝访问。'], ['[{"DeviceID":"C:"'], ['<Objs Version="1.1.0.1">']])('throws on %j', (out) => {
    expect(() => parseLogicalDisks(out)).toThrow();
  });
});

describe('decodeOutput', () => {
  const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
  it('reads UTF-8, with or without a BOM', () => {
    expect(decodeOutput(Buffer.from('[{"VolumeName":"工作 资料"}]'))).toBe('[{"VolumeName":"工作 资料"}]');
    expect(decodeOutput(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('[]')]))).toBe('[]');
  });
  it('reads UTF-16 with its BOM', () => {
    expect(decodeOutput(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('[{"VolumeName":"数据"}]', 'utf16le')]))).toBe('[{"VolumeName":"数据"}]');
  });
  it('reads the console code page of a Chinese Windows (GBK) when the bytes are no UTF-8', () => {
    // 数据 = CA FD BE DD, 工作 = B9 A4 D7 F7 in GBK
    const gbk = Uint8Array.from([...ascii('[{"DeviceID":"F:","DriveType":2,"VolumeName":"'), 0xca, 0xfd, 0xbe, 0xdd, 0x20, 0xb9, 0xa4, 0xd7, 0xf7, ...ascii('","Size":1}]')]);
    expect(parseLogicalDisks(decodeOutput(gbk))).toEqual([{ letter: 'F:', type: 2, label: '数据 工作', size: 1, provider: '', usb: false }]);
  });
});

describe('driveDestinations', () => {
  it('offers U盘 first, then the 移动硬盘, the other fixed disks and the network drives; no C:, CD, RAM disk, empty reader or disconnected share', () => {
    expect(driveDestinations(parseLogicalDisks(OFFICE_PC))).toEqual([
      { path: 'F:\\', label: 'U盘（工作 资料）', removable: true },
      { path: 'G:\\', label: 'U盘', removable: true },
      { path: 'I:\\', label: '移动硬盘（我的移动硬盘）', removable: true },
      { path: 'D:\\', label: '本地磁盘（数据）', removable: false },
      { path: 'Z:\\', label: '网络驱动器（共享）', removable: false },
    ]);
  });

  it('takes the system drive from %SystemDrive%, and any letter A–Z', () => {
    const disks = [disk('A:', 2), disk('B:', 3), disk('C:', 3, { label: '系统' }), disk('W:', 3), disk('X:', 4, { provider: '\\\\srv\\文件 共享' })];
    expect(driveDestinations(disks, 'W:')).toEqual([
      { path: 'A:\\', label: 'U盘', removable: true },
      { path: 'B:\\', label: '本地磁盘', removable: false },
      { path: 'C:\\', label: '本地磁盘（系统）', removable: false },
      { path: 'X:\\', label: '网络驱动器（\\\\srv\\文件 共享）', removable: false },
    ]);
    expect(driveDestinations([disk('C:', 3), disk('D:', 0), disk('E:', 1)], 'c:\\')).toEqual([]);
  });
});

describe('windowsDrives', () => {
  it('asks PowerShell by its full path, with the script encoded (no quoting of its own)', () => {
    expect(powershellPath({ SystemRoot: 'C:\\WINDOWS' })).toBe('C:\\WINDOWS\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    expect(powershellPath({})).toBe('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    expect(DRIVES_SCRIPT).toContain('Get-CimInstance -ClassName Win32_LogicalDisk');
    expect(DRIVES_SCRIPT).toContain("[regex]::Replace($json, '[^\\x00-\\x7F]', { param($m) '\\u{0:x4}' -f [int][char]$m.Value })");
  });

  it.skipIf(process.platform === 'win32')('falls back when powershell.exe is not there (this machine): the real runner, its error taken', async () => {
    const seen: string[] = [];
    expect(await windowsDrives({ exists: async (root) => (seen.push(root), false), systemDrive: 'C:' })).toEqual([]);
    expect(seen).toHaveLength(23);
  });

  // On a Windows machine (a Windows CI runner): the script itself, through the real PowerShell.
  it.runIf(process.platform === 'win32')('on Windows, PowerShell lists the system drive as a fixed disk', { timeout: 30_000 }, async () => {
    const out = await runDrivesScript();
    expect(out.every((b) => b < 0x80)).toBe(true);
    const system = (process.env.SystemDrive ?? 'C:').toUpperCase();
    expect(parseLogicalDisks(decodeOutput(out)).find((d) => d.letter === system)).toMatchObject({ type: 3 });
  });

  it('offers what PowerShell says', async () => {
    const got = await windowsDrives({ run: async () => Buffer.from(OFFICE_PC), exists: async () => true, systemDrive: 'C:' });
    expect(got.map((d) => d.path)).toEqual(['F:\\', 'G:\\', 'I:\\', 'D:\\', 'Z:\\']);
  });

  it.each([
    ['PowerShell cannot be started', async () => Promise.reject(Object.assign(new Error('spawn powershell.exe ENOENT'), { code: 'ENOENT' }))],
    ['PowerShell says no JSON', async () => Buffer.from('此系统上已禁用 PowerShell。')],
  ])('looks at each letter from D: when %s, offering none as a U盘', async (_what, run) => {
    const seen: string[] = [];
    const got = await windowsDrives({
      run,
      exists: async (root) => {
        seen.push(root);
        return root === 'E:\\' || root === 'G:\\';
      },
      systemDrive: 'C:',
    });
    expect(seen).toEqual([...'DEFGHIJKLMNOPQRSTUVWXYZ'].map((l) => `${l}:\\`));
    expect(got).toEqual([
      { path: 'E:\\', label: 'E: 盘', removable: false },
      { path: 'G:\\', label: 'G: 盘', removable: false },
    ]);
  });
});

describe('destinations on Windows', () => {
  const tempDir = useTempDir('dest');
  it('puts the drives first, then 桌面 and 文档, and ends with the data dir’s own folder', async () => {
    const dataDir = path.join(tempDir(), '支部 数据');
    const got = await destinations(dataDir, 'win32', async () => driveDestinations(parseLogicalDisks(OFFICE_PC)));
    expect(got.slice(0, 5).map((d) => d.path)).toEqual(['F:\\', 'G:\\', 'I:\\', 'D:\\', 'Z:\\']);
    expect(got.find((d) => d.removable)?.path).toBe('F:\\');
    expect(got.at(-1)).toEqual({ path: path.join(dataDir, 'backups', 'files'), label: '数据目录中的备份文件夹', removable: false });
    expect(fs.statSync(got.at(-1)!.path).isDirectory()).toBe(true);
  });
});
