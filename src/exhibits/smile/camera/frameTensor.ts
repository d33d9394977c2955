import type { WorkerTf } from './chooseBackend';

/**
 * Turns a transferred camera frame (ImageBitmap) into the float32 HxWx3 tensor the face pipeline takes, in the worker.
 * tf.browser.fromPixels does the same through an OffscreenCanvas 2D context created WITHOUT `willReadFrequently`, so
 * Chromium may keep it on the GPU and every getImageData becomes a GPU readback (10-15 ms per 640x480 frame measured
 * in the worker, 1 ms for the tensor itself); it then builds int32 values that the expression crops cast to float32
 * again. Here: one reused canvas with `willReadFrequently` (CPU-backed, https://html.spec.whatwg.org/multipage/canvas.html#concept-canvas-will-read-frequently),
 * RGBA -> RGB float32 in one pass, and the canvas is cleared afterwards so no frame stays in it.
 */
export function createFrameReader(tf: Pick<WorkerTf, 'tensor3d'>): (bitmap: ImageBitmap) => ReturnType<WorkerTf['tensor3d']> {
  let ctx: OffscreenCanvasRenderingContext2D | null = null;
  return (bitmap) => {
    const { width, height } = bitmap;
    if (!ctx) {
      ctx = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
      if (!ctx) throw new Error('OffscreenCanvas 2D is not available in this worker');
    }
    if (ctx.canvas.width !== width || ctx.canvas.height !== height) {
      ctx.canvas.width = width;
      ctx.canvas.height = height;
    }
    ctx.drawImage(bitmap, 0, 0);
    const rgba = ctx.getImageData(0, 0, width, height).data;
    ctx.clearRect(0, 0, width, height);
    return tf.tensor3d(rgbaToRgbFloat(rgba), [height, width, 3], 'float32');
  };
}

/** RGBA bytes -> RGB float32 values (0..255), alpha dropped. */
export function rgbaToRgbFloat(rgba: Uint8ClampedArray | Uint8Array): Float32Array {
  if (rgba.length % 4 !== 0) throw new Error(`RGBA data length must be a multiple of 4, got ${rgba.length}`);
  const out = new Float32Array((rgba.length / 4) * 3);
  for (let i = 0, o = 0; i < rgba.length; i += 4, o += 3) {
    out[o] = rgba[i]!;
    out[o + 1] = rgba[i + 1]!;
    out[o + 2] = rgba[i + 2]!;
  }
  return out;
}
