// First: zod must not compile parsers with `new Function`, which the console's CSP (no 'unsafe-eval') forbids.
import './zodJitless';
import { createApp } from 'vue';
import App from './App.vue';
import { createConsoleI18n, savedLanguage } from './i18n';
import { createConsoleRouter } from './router';
import './console.css';

const app = createApp(App);
app.use(createConsoleI18n(savedLanguage()));
app.use(createConsoleRouter());
app.mount('#app');
