import { join } from 'node:path';
import { safeStorage } from 'electron';
import { createFileSecretStore, type SecretCodec, type SecretStore } from '../../node/kiosk/secretStore';

/**
 * The upload token's store in Electron: encrypted with the OS keychain through safeStorage
 * (https://www.electronjs.org/docs/latest/api/safe-storage) where that gives real protection. On Linux
 * without a keyring safeStorage falls back to 'basic_text' (a fixed key), which protects nothing, so the
 * kiosk keeps the owner-only (0600) file instead and says which one it uses (`protection` in health).
 * A separate file name, so a token stored one way is never read the other way.
 * Call after `app` is ready: safeStorage is not usable before.
 */
export function createKioskSecretStore(dataDir: string, platform: NodeJS.Platform = process.platform): SecretStore | undefined {
  try {
    if (!safeStorage.isEncryptionAvailable()) return undefined;
    if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return undefined;
  } catch {
    // A broken keychain must not keep the kiosk from starting: the services' 0600 file is used.
    return undefined;
  }
  const codec: SecretCodec = {
    name: 'safeStorage',
    encode: (plain) => safeStorage.encryptString(plain),
    decode: (stored) => safeStorage.decryptString(stored),
  };
  return createFileSecretStore(join(dataDir, 'secrets.safestorage.json'), codec);
}
