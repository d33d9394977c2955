import type { PanoramaSceneApi, PanoramaSceneOptions } from './scene/PanoramaSceneApi';

/**
 * How the view gets its 3D scene. The scene (three.js) is loaded only when the exhibit opens, as
 * its own chunk; component tests swap `create` for a fake implementing PanoramaSceneApi, since
 * happy-dom has no WebGL.
 */
export const sceneFactory = {
  create: async (options: PanoramaSceneOptions): Promise<PanoramaSceneApi> => {
    const { PanoramaScene } = await import('./scene/PanoramaScene');
    return new PanoramaScene(options);
  },
};
