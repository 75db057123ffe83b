/**
 * The drives of a Windows PC a backup file or the year's archive can be saved
 * to, by drive letter (A: to Z:), and which of them is a U盘.
 *
 * Windows says what each drive letter is in WMI's Win32_LogicalDisk: DriveType
 * 2 is a removable disk (a U盘, an SD card), 3 a fixed one, 4 a network drive,
 * 5 a CD/DVD drive; Size is null when no medium is in it (an empty card
 * reader). `wmic`, which used to ask it, is deprecated and gone from Windows 11
 * 24H2; the same class is asked through PowerShell 5.1 (part of every Windows
 * since 10) with Get-CimInstance, and a fixed disk on the USB bus (a 移动硬盘,
 * and the large U盘 that say they are fixed) is found through the disk it is
 * on (Win32_DiskDrive InterfaceType USB). No native module, no network.
 *
 * PowerShell writes in the console's code page when its output is piped (936,
 * GBK, on a Chinese Windows) and a label such as “工作 资料” would reach Node
 * garbled: the script writes JSON with every non-ASCII character escaped as
 * \uXXXX, which reads the same in every code page; should escaping fail (a
 * locked-down PowerShell in ConstrainedLanguage mode), the output is read as
 * UTF-8, or else as GB18030.
 *
 * When PowerShell cannot be started or says nothing readable (blocked by
 * policy, a timeout), the drive letters are looked at one by one, as before:
 * those that answer are offered, none as a U盘 (which one is cannot be told).
 *
 * Plain Node, no electron.
 */
import { execFile } from 'node:child_process';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { BackupDestination } from '../../../shared/methods/backup.js';

/** Win32_LogicalDisk.DriveType. */
export const DRIVE_TYPE = { unknown: 0, noRoot: 1, removable: 2, fixed: 3, network: 4, cd: 5, ram: 6 } as const;

/** One drive letter, as Win32_LogicalDisk tells it. */
export interface LogicalDisk {
  /** E: */
  letter: string;
  type: number;
  /** The volume label, '' when there is none. */
  label: string;
  /** Bytes; null when there is no medium in the drive, or a network drive is not connected. */
  size: number | null;
  /** \\server\share of a network drive, '' otherwise. */
  provider: string;
  /** On a disk attached by USB. */
  usb: boolean;
}

/** The PowerShell script: Win32_LogicalDisk's drives as a JSON array, all ASCII. */
export const DRIVES_SCRIPT = `
$ErrorActionPreference = 'Stop'
try { [Console]::OutputEncoding = [System.Text.Encoding]::UTF8 } catch {}
$usb = @{}
try {
  Get-CimInstance -ClassName Win32_DiskDrive -Filter "InterfaceType='USB'" | ForEach-Object {
    Get-CimAssociatedInstance -InputObject $_ -ResultClassName Win32_DiskPartition | ForEach-Object {
      Get-CimAssociatedInstance -InputObject $_ -ResultClassName Win32_LogicalDisk | ForEach-Object { $usb[$_.DeviceID] = $true }
    }
  }
} catch {}
$disks = @(Get-CimInstance -ClassName Win32_LogicalDisk | Select-Object DeviceID, DriveType, VolumeName, Size, ProviderName, @{ Name = 'Usb'; Expression = { $usb.ContainsKey($_.DeviceID) } })
$json = ConvertTo-Json -InputObject $disks -Compress
try { $json = [regex]::Replace($json, '[^\\x00-\\x7F]', { param($m) '\\u{0:x4}' -f [int][char]$m.Value }) } catch {}
$json
`;

/** Bytes PowerShell wrote, as text: UTF-16 with its byte-order mark, UTF-8 (the BOM dropped), or else GB18030 (the console's code page on a Chinese Windows). */
export function decodeOutput(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    try {
      return new TextDecoder('gb18030').decode(bytes);
    } catch {
      return new TextDecoder('utf-8').decode(bytes);
    }
  }
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const bytesOf = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
};

/**
 * The drives in what DRIVES_SCRIPT wrote: ConvertTo-Json's array (or one
 * object: Windows PowerShell writes a single drive without the brackets when
 * given it through the pipe), anything before or after the JSON (a profile's
 * greeting, a progress line) passed over; entries that name no drive letter
 * are left out, and a letter seen twice counts once. Throws when there is no
 * JSON to read.
 */
export function parseLogicalDisks(output: string): LogicalDisk[] {
  const s = output.replace(/^\ufeff/, '');
  const start = s.search(/[[{]/);
  const end = Math.max(s.lastIndexOf(']'), s.lastIndexOf('}'));
  if (start < 0 || end < start) throw new Error('PowerShell 没有输出驱动器列表');
  const parsed: unknown = JSON.parse(s.slice(start, end + 1));
  const items = (Array.isArray(parsed) ? parsed : [parsed]) as Record<string, unknown>[];
  const out: LogicalDisk[] = [];
  for (const it of items) {
    if (!it || typeof it !== 'object') continue;
    const letter = text(it.DeviceID).toUpperCase();
    if (!/^[A-Z]:$/.test(letter) || out.some((d) => d.letter === letter)) continue;
    out.push({
      letter,
      type: bytesOf(it.DriveType) ?? DRIVE_TYPE.unknown,
      label: text(it.VolumeName),
      size: bytesOf(it.Size),
      provider: text(it.ProviderName),
      usb: it.Usb === true,
    });
  }
  return out;
}

/** E:\ */
const rootOf = (letter: string) => `${letter}\\`;
const named = (kind: string, label: string) => (label ? `${kind}（${label}）` : kind);

/**
 * The drives a backup can go to, U盘 first: removable disks with a medium in
 * them and fixed disks on USB (移动硬盘) as removable; then the other fixed
 * disks but the system's (C:, which holds the data dir already: a copy there
 * is lost with the disk), then connected network drives. CD/DVD drives, RAM
 * disks and drives of no known kind are left out; each kind by letter.
 */
export function driveDestinations(disks: readonly LogicalDisk[], systemDrive = 'C:'): BackupDestination[] {
  const system = systemDrive.trim().slice(0, 2).toUpperCase();
  const rank = (d: LogicalDisk): number | null => {
    if (d.size === null || d.size <= 0) return null;
    if (d.type === DRIVE_TYPE.removable) return 0;
    if (d.type === DRIVE_TYPE.fixed && d.usb) return 1;
    if (d.type === DRIVE_TYPE.fixed && d.letter !== system) return 2;
    if (d.type === DRIVE_TYPE.network) return 3;
    return null;
  };
  return disks
    .map((d) => ({ d, r: rank(d) }))
    .filter((x): x is { d: LogicalDisk; r: number } => x.r !== null)
    .sort((a, b) => a.r - b.r || a.d.letter.localeCompare(b.d.letter))
    .map(({ d, r }) => ({
      path: rootOf(d.letter),
      label: [named('U盘', d.label), named('移动硬盘', d.label), named('本地磁盘', d.label), named('网络驱动器', d.label || d.provider)][r]!,
      removable: r <= 1,
    }));
}

/** PowerShell 5.1 by its full path (never one found first in the working directory or PATH). */
export function powershellPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.win32.join(env.SystemRoot || env.windir || 'C:\\Windows', 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe');
}

/** How long PowerShell may take to answer (its first start on a slow PC takes seconds). */
const POWERSHELL_TIMEOUT_MS = 10_000;
/** Set once PowerShell did not answer in time: the page that lists the drives is not kept waiting again until the app restarts. */
let powershellHangs = false;

/** Run DRIVES_SCRIPT and hand back what it wrote (the script goes base64-encoded: no quoting of its own on the command line). */
export function runDrivesScript(env: NodeJS.ProcessEnv = process.env): Promise<Buffer> {
  if (powershellHangs) return Promise.reject(new Error('PowerShell 上次没有按时应答'));
  const encoded = Buffer.from(DRIVES_SCRIPT, 'utf16le').toString('base64');
  return new Promise((resolve, reject) => {
    execFile(
      powershellPath(env),
      ['-NoLogo', '-NoProfile', '-NonInteractive', '-EncodedCommand', encoded],
      { encoding: 'buffer', windowsHide: true, timeout: POWERSHELL_TIMEOUT_MS, maxBuffer: 1 << 20 },
      (err, stdout) => {
        if (err && err.killed) powershellHangs = true;
        if (err) reject(err);
        else resolve(stdout);
      },
    );
  });
}

/** Whether a drive's root answers within `ms` (a network drive that is gone may take half a minute to say so). */
async function answers(root: string, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([fsp.stat(root).then((s) => s.isDirectory(), () => false), late]);
  } finally {
    clearTimeout(timer);
  }
}

export interface DriveProbe {
  /** What DRIVES_SCRIPT wrote (PowerShell); rejects when it cannot be run. */
  run?: () => Promise<Uint8Array>;
  /** Whether a drive's root is there, for the fallback. */
  exists?: (root: string) => Promise<boolean>;
  /** The system drive (%SystemDrive%, C:). */
  systemDrive?: string;
}

/**
 * The Windows drives to offer (driveDestinations), or, when PowerShell
 * cannot tell, every letter from D: that answers, none of them as a U盘.
 */
export async function windowsDrives(o: DriveProbe = {}): Promise<BackupDestination[]> {
  const systemDrive = o.systemDrive ?? process.env.SystemDrive ?? 'C:';
  try {
    const bytes = await (o.run ?? runDrivesScript)();
    return driveDestinations(parseLogicalDisks(decodeOutput(bytes)), systemDrive);
  } catch {
    const exists = o.exists ?? ((root: string) => answers(root, 2000));
    const letters = [...'DEFGHIJKLMNOPQRSTUVWXYZ'].filter((l) => `${l}:` !== systemDrive.toUpperCase());
    const found = await Promise.all(letters.map((l) => exists(rootOf(`${l}:`))));
    return letters.filter((_, i) => found[i]).map((l) => ({ path: rootOf(`${l}:`), label: `${l}: 盘`, removable: false }));
  }
}
