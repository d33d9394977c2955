import { ref } from 'vue';

export interface CameraDevice {
  deviceId: string;
  label: string;
}

/**
 * The video inputs of this machine (MediaDevices.enumerateDevices:
 * https://developer.mozilla.org/docs/Web/API/MediaDevices/enumerateDevices). Browsers hide labels
 * until the page has been allowed a camera once, so when every label is empty it opens a camera for
 * a moment (and stops it at once) to get the permission, then lists again.
 */
export function useCameraDevices() {
  const devices = ref<CameraDevice[]>([]);
  const error = ref<string | null>(null);
  const loading = ref(false);

  const list = async (): Promise<CameraDevice[]> =>
    (await navigator.mediaDevices.enumerateDevices())
      .filter((d) => d.kind === 'videoinput')
      .map((d) => ({ deviceId: d.deviceId, label: d.label }));

  async function refresh(): Promise<void> {
    if (!navigator.mediaDevices?.enumerateDevices) {
      error.value = 'this screen has no camera access (navigator.mediaDevices is missing)';
      return;
    }
    loading.value = true;
    try {
      let found = await list();
      if (found.length > 0 && found.every((d) => !d.label)) {
        const probe = await navigator.mediaDevices.getUserMedia({ video: true, audio: false });
        probe.getTracks().forEach((t) => t.stop());
        found = await list();
      }
      devices.value = found;
      error.value = null;
    } catch (err) {
      error.value = (err as Error).message || String(err);
    } finally {
      loading.value = false;
    }
  }

  return { devices, error, loading, refresh };
}
