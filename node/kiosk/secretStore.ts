import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync, unlinkSync } from 'node:fs';

/**
 * Where secrets (the upload bearer token) live, away from the settings that the renderer reads.
 * Synchronous on purpose: Electron's safeStorage is synchronous too
 * (https://www.electronjs.org/docs/latest/api/safe-storage), so the main process can plug in a
 * safeStorage-backed store with the same shape: `createFileSecretStore(file, safeStorageCodec)`.
 */
export interface SecretStore {
  get(name: string): string | null;
  set(name: string, value: string): void;
  clear(name: string): void;
  isSet(name: string): boolean;
  /** What protects the file: 'file-0600' here, e.g. 'safeStorage' for the Electron codec. */
  readonly protection: string;
}

/** Turns a secret into bytes for the file and back (Electron: safeStorage.encryptString / decryptString). */
export interface SecretCodec {
  name: string;
  encode(plain: string): Buffer;
  decode(stored: Buffer): string;
}

const plainCodec: SecretCodec = {
  name: 'file-0600',
  encode: (s) => Buffer.from(s, 'utf8'),
  decode: (b) => b.toString('utf8'),
};

export const UPLOAD_TOKEN = 'upload.token';

/**
 * A JSON file `{name: base64(encoded secret)}` in the data folder with mode 0600 (owner only),
 * replaced atomically (write a temporary file, then rename) so a power cut leaves old or new.
 * On Windows the mode is advisory; the data folder is in the kiosk user's profile.
 */
export function createFileSecretStore(file: string, codec: SecretCodec = plainCodec): SecretStore {
  const read = (): Record<string, string> => {
    if (!existsSync(file)) return {};
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, string>) : {};
    } catch {
      return {};
    }
  };
  const write = (all: Record<string, string>): void => {
    if (Object.keys(all).length === 0) {
      if (existsSync(file)) unlinkSync(file);
      return;
    }
    const tmp = `${file}.tmp-${process.pid}`;
    writeFileSync(tmp, JSON.stringify(all), { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, file);
  };
  return {
    protection: codec.name,
    get(name) {
      const v = read()[name];
      return typeof v === 'string' ? codec.decode(Buffer.from(v, 'base64')) : null;
    },
    set(name, value) {
      if (typeof value !== 'string' || value.length === 0) throw new RangeError(`secret ${name} must be a non-empty string`);
      write({ ...read(), [name]: codec.encode(value).toString('base64') });
    },
    clear(name) {
      const all = read();
      delete all[name];
      write(all);
    },
    isSet(name) {
      return typeof read()[name] === 'string';
    },
  };
}
