import { collisionKey } from '../../../common/pack/packReferences';

/**
 * Checks on one zip entry name (or a folder pack's relative path), before anything is written.
 * Names are resolved inside the staging folder only if they pass; the rules are strict enough for
 * Windows, macOS and Linux kiosks alike (https://learn.microsoft.com/windows/win32/fileio/naming-a-file).
 */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
const FORBIDDEN_CHARS = /[\u0000-\u001f\u007f<>:"|?*]/;

/** Returns why `name` is unsafe, or null. Directory entries end with `/`. */
export function unsafeNameReason(name: string): string | null {
  if (name.length === 0) return 'empty file name';
  if (name.includes('\0')) return 'file name contains a NUL character';
  if (name.includes('\\')) return 'file name contains a backslash';
  if (name.startsWith('/')) return 'absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'file name starts with a drive letter';
  if (name.length > 400) return 'file name longer than 400 characters';
  const segments = (name.endsWith('/') ? name.slice(0, -1) : name).split('/');
  if (segments.length > 12) return 'more than 12 folders deep';
  for (const seg of segments) {
    if (seg === '..') return 'path contains ".."';
    if (seg === '.' || seg === '') return 'path contains an empty or "." segment';
    if (FORBIDDEN_CHARS.test(seg)) return 'file name contains a control character or one of < > : " | ? *';
    if (/[. ]$/.test(seg)) return 'a file or folder name ends with a dot or a space';
    if (WINDOWS_RESERVED.test(seg)) return `"${seg}" is a reserved device name on Windows`;
  }
  return null;
}

/** Operating-system clutter that zip tools add (macOS resource forks, Finder and Explorer files): skipped, never extracted. */
export function isClutter(name: string): boolean {
  const segs = name.split('/');
  return segs.some((s) => s === '__MACOSX' || s === '.DS_Store' || s === 'Thumbs.db' || s === 'desktop.ini' || s.startsWith('._'));
}

/**
 * Finds names that are equal, or equal after Unicode normalisation and case folding (which would
 * overwrite each other on NTFS or APFS), and files that are also used as folders.
 */
export function nameCollisions(names: readonly string[]): { name: string; message: string }[] {
  const out: { name: string; message: string }[] = [];
  const exact = new Set<string>();
  const folded = new Map<string, string>();
  const files = new Set<string>();
  for (const raw of names) {
    const isDir = raw.endsWith('/');
    const name = isDir ? raw.slice(0, -1) : raw;
    const key = collisionKey(name);
    if (exact.has(raw)) out.push({ name: raw, message: 'the archive holds this name twice' });
    else if (folded.has(key) && folded.get(key) !== name)
      out.push({ name: raw, message: `collides with "${folded.get(key)}" by case or Unicode normalisation` });
    exact.add(raw);
    if (!folded.has(key)) folded.set(key, name);
    if (!isDir) files.add(key);
  }
  const folders = new Map<string, string>();
  for (const raw of names) {
    const parts = raw.replace(/\/$/, '').split('/');
    for (let i = 1; i < parts.length; i++) {
      const folder = parts.slice(0, i).join('/');
      const key = collisionKey(folder);
      if (files.has(key)) out.push({ name: raw, message: `"${folder}" is both a file and a folder` });
      const first = folders.get(key) ?? folded.get(key);
      if (first !== undefined && first !== folder)
        out.push({ name: raw, message: `folder "${folder}" collides with "${first}" by case or Unicode normalisation` });
      if (!folders.has(key)) folders.set(key, folder);
    }
  }
  return out;
}
