// First: configures zod before common/contract.ts builds its schemas.
import './shell/zodJitless';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { installKioskClient } from './api/client';
import { createKioskClient, type Transport } from './api/kioskClient';
import { detectTransport } from './api/transports';
import App from './App.vue';
import { createKioskI18n } from './i18n';
import { startPackUpdates } from './packs/packUpdates';
import { createKioskRouter } from './router';
import { startExhibitBackgrounds } from './shell/exhibitBackgrounds';
import { installTouchGuards } from './shell/touchGuards';
import './styles/base.css';
import './styles/operator.css';

installTouchGuards(window);
// Without a bridge or a launch secret every call fails with the reason, which the boot screen shows.
const transport: Transport = (() => {
  try {
    return detectTransport();
  } catch (err) {
    return () => Promise.reject(err as Error);
  }
})();
installKioskClient(createKioskClient(transport));

const app = createApp(App);
app.use(createPinia());
app.use(createKioskI18n());
const router = createKioskRouter();
app.use(router);
// The active content pack; a new one is swapped in only at the attract screen (src/packs/packUpdates.ts).
startPackUpdates(router);
// Exhibits' background work (the smile meter's cameras) from app start, on kiosks whose profile includes them.
startExhibitBackgrounds();
void router.isReady().then(() => app.mount('#app'));
