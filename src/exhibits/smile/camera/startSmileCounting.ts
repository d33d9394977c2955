import type { MetricName } from '../../../../common/metrics';
import { SmileSettingsSchema, type SmileSettings } from '../../../../common/smileSettings';
import type { SmileCameraStatus, SmileRole } from '../../../../common/smileStatus';
import { kioskClient } from '../../../api/client';
import { useContentPackStore } from '../../../packs/useContentPackStore';
import { planCamera, type CameraPlan, type PlanContext } from './cameraPlan';
import { hasAnyCamera, openCamera, openVideo } from './frameSource';
import { SmileCameraRunner } from './SmileCameraRunner';
import type { BackendChoice } from './workerProtocol';

/** How often the settings are re-read (an operator's change applies within this) and the status is reported. */
export const SMILE_TICK_MS = 5000;
const ROLES: readonly SmileRole[] = ['entry', 'exit'];

export interface SmileCountingOptions {
  tickMs?: number;
  /** Forces a tfjs backend (benchmark); default: automatic. */
  backend?: BackendChoice;
}

/**
 * The smile meter in the background of a kiosk whose profile includes it (ExhibitDescriptor.background, started by
 * the shell from app start, whatever screen shows): one SmileCameraRunner per enabled role, restarted when its
 * settings change, counts recorded through recordUsage ('smile.<role>.visitors' / '.smiling', nothing else), and the
 * cameras' status reported every few seconds for the operator screen and health. A count the services could not take
 * yet (they restart, say) is kept and sent again with the next tick: no visitor is lost or counted twice.
 */
export async function startSmileCounting(options: SmileCountingOptions = {}): Promise<{ stop(): void }> {
  const client = kioskClient();
  const packs = useContentPackStore();
  const tickMs = options.tickMs ?? SMILE_TICK_MS;
  const runners = new Map<SmileRole, { plan: CameraPlan; runner: SmileCameraRunner }>();
  const unsent = new Map<MetricName, number>();
  let settings: SmileSettings | null = null;
  let stopped = false;
  let sending = false;

  async function sendCounts(): Promise<void> {
    if (sending) return;
    sending = true;
    try {
      for (const [metric, count] of unsent) {
        const amount = Math.min(count, 1000);
        await client.recordUsage({ metric, amount });
        const left = (unsent.get(metric) ?? 0) - amount;
        if (left > 0) unsent.set(metric, left);
        else unsent.delete(metric);
      }
    } catch {
      /* the services are away: the counts stay in `unsent` for the next tick */
    } finally {
      sending = false;
    }
  }

  const count = (metric: MetricName) => {
    unsent.set(metric, (unsent.get(metric) ?? 0) + 1);
    void sendCounts();
  };

  function context(): PlanContext {
    const demo = packs.manifest?.smile?.demoVideos;
    return {
      appBase: new URL('.', location.href).href,
      backend: options.backend ?? 'auto',
      demoVideos: demo ? { entry: packs.assetUrl(demo.entry), exit: packs.assetUrl(demo.exit) } : null,
      anyCamera: true,
      automated: navigator.webdriver === true,
      packUrl: (path) => packs.assetUrl(path),
    };
  }

  function startRunner(plan: CameraPlan): SmileCameraRunner {
    const { source } = plan;
    return new SmileCameraRunner({
      role: plan.role,
      sampleFps: plan.sampleFps,
      worker: plan.worker,
      openSource: () =>
        source.kind === 'camera' ? openCamera(source, source.exclude, source.unconfiguredIndex) : openVideo(source.url, source.kind),
      onVisitor: (v) => {
        count(`smile.${v.role}.visitors`);
        if (v.smiling) count(`smile.${v.role}.smiling`);
      },
    });
  }

  async function apply(next: SmileSettings): Promise<void> {
    const ctx = context();
    if (ctx.demoVideos && !ctx.automated) ctx.anyCamera = await hasAnyCamera();
    for (const role of ROLES) {
      let plan: CameraPlan | null;
      try {
        plan = planCamera(next, role, ctx);
      } catch {
        plan = null; // a video URL the kiosk refuses: the settings form validates it; treated as off here
      }
      const current = runners.get(role);
      if (current && plan && current.plan.key === plan.key) continue;
      if (current) {
        runners.delete(role);
        await current.runner.stop();
      }
      if (plan && !stopped) runners.set(role, { plan, runner: startRunner(plan) });
    }
  }

  function offStatus(role: SmileRole): SmileCameraStatus {
    return {
      role,
      state: 'off',
      backend: null,
      source: null,
      deviceLabel: null,
      fps: 0,
      framesProcessed: 0,
      facesDescribed: 0,
      visitors: 0,
      smiling: 0,
      numTensors: null,
      retries: 0,
      lastError: null,
      since: Date.now(),
    };
  }

  async function tick(): Promise<void> {
    try {
      const entry = await client.getExhibitConfig({ key: 'smile' });
      const parsed = SmileSettingsSchema.safeParse(entry.value);
      if (parsed.success) settings = parsed.data;
    } catch {
      /* keep the last settings while the services are away */
    }
    if (stopped) return;
    if (settings) await apply(settings);
    await sendCounts();
    if (!settings || stopped) return;
    const cameras = ROLES.map((role) => runners.get(role)?.runner.status() ?? offStatus(role));
    await client.reportSmileStatus({ enabled: settings.enabled, cameras }).catch(() => undefined);
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  const loop = async () => {
    await tick().catch(() => undefined);
    if (!stopped) timer = setTimeout(() => void loop(), tickMs);
  };
  void loop();

  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      const all = [...runners.values()];
      runners.clear();
      void Promise.all(all.map((r) => r.runner.stop())).then(() => sendCounts());
    },
  };
}
