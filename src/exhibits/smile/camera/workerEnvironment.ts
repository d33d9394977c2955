import type * as FaceApiModule from '@vladmandic/face-api';

type Environment = FaceApiModule.Environment;

/**
 * face-api looks up its "environment" (canvas, image and video classes) even for tensor inputs, to tell media
 * elements from tensors, and knows only the window and Node.js. In the camera worker there is neither: this gives it
 * the worker's own classes (OffscreenCanvas) and stand-ins that nothing is ever an instance of. Frames reach face-api
 * only as tensors; no element is ever created. Same idea as https://github.com/vladmandic/face-api/issues/196.
 */
export function workerEnvironment(): Environment {
  class NoElement {}
  const none = () => {
    throw new Error('the camera worker creates no DOM elements');
  };
  return {
    Canvas: OffscreenCanvas,
    CanvasRenderingContext2D: OffscreenCanvasRenderingContext2D,
    Image: NoElement,
    ImageData,
    Video: NoElement,
    createCanvasElement: () => new OffscreenCanvas(1, 1),
    createImageElement: none,
    createVideoElement: none,
    fetch: (url: string, init?: RequestInit) => fetch(url, init),
    readFile: none,
  } as unknown as Environment;
}
