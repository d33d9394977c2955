import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { effectScope } from 'vue';
import { historyManifest } from '../../fixtures/packs/historyManifest';
import { toActivePack } from '../../../src/packs/packApi';
import { useContentPackStore } from '../../../src/packs/useContentPackStore';
import { usePackAttract } from '../../../src/packs/usePackAttract';
import { useLanguageStore } from '../../../src/stores/useLanguageStore';

beforeEach(() => setActivePinia(createPinia()));

describe('usePackAttract', () => {
  it('gives the pack tagline in the current language and the media URL; nothing without a pack', () => {
    const scope = effectScope();
    const attract = scope.run(() => usePackAttract())!;
    expect(attract.value).toEqual({});
    const m = historyManifest();
    m.attract!.tagline = { 'zh-CN': '江风拂面', en: 'Feel the river breeze' };
    useContentPackStore().active = toActivePack({ manifest: m });
    expect(attract.value).toEqual({ tagline: '江风拂面', media: { kind: 'image', url: 'pack/attract.png?v=test-pack%401.0.0' } });
    useLanguageStore().current = 'en';
    expect(attract.value.tagline).toBe('Feel the river breeze');
    scope.stop();
  });
});
